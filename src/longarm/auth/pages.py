"""The sign-in page: plain server-rendered HTML, autoescaped, no script, no inline style, the site's stylesheet."""

from __future__ import annotations

from jinja2 import Environment, select_autoescape

_ENVIRONMENT = Environment(autoescape=select_autoescape(default=True, default_for_string=True))

LOGIN = _ENVIRONMENT.from_string("""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · longarm</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/css/app.css"></head>
<body class="auth-page">
<header class="site"><a class="brand" href="/">longarm</a></header>
<main id="main">
<h1>Sign in</h1>
{% if signed_in_as %}<p>You are signed in as {{ signed_in_as }}.</p>
<form method="post" action="/logout"><input type="hidden" name="csrf_token" value="{{ csrf_token }}">
<button type="submit">Sign out</button></form>{% endif %}
{% if error %}<p role="alert" class="error">{{ error }}</p>{% endif %}
<form method="post" action="/login">
<input type="hidden" name="csrf_token" value="{{ csrf_token }}">
<input type="hidden" name="next" value="{{ next }}">
<p><label for="name">Name</label> <input id="name" name="name" autocomplete="username" required></p>
<p><label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p>
</form>
<p><a href="/">Back to the public pages</a></p>
</main>
</body>
</html>
""")

MESSAGE = _ENVIRONMENT.from_string("""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · longarm</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/css/app.css"></head>
<body class="auth-page">
<header class="site"><a class="brand" href="/">longarm</a></header>
<main id="main"><h1>{{ title }}</h1><p>{{ message }}</p>
<p><a href="/login">Sign in</a> · <a href="/">Home</a></p></main>
</body>
</html>
""")


def login_page(*, csrf_token: str, next_path: str, error: str | None = None, signed_in_as: str | None = None) -> str:
    """The sign-in form."""
    return LOGIN.render(csrf_token=csrf_token, next=next_path, error=error, signed_in_as=signed_in_as)


def message_page(*, title: str, message: str) -> str:
    """A one-paragraph page for refusals (403, expired form)."""
    return MESSAGE.render(title=title, message=message)
