"""Keys and sealing of restricted values, security headers and log redaction."""
