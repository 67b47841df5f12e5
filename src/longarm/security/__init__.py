"""Keys (the sealing they serve lives beside the incident model: incidents/sealing.py), headers, log redaction."""
