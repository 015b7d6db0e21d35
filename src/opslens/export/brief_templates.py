"""The Jinja2 templates of the briefs (kept in code: the package ships no template folder).
HTML ones render with autoescape on; the Markdown one escapes nothing (Markdown is text)."""

# ruff: noqa: E501  (template lines are markup: wrapping them would change the output)

from __future__ import annotations

STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.15rem; border-bottom: 1px solid #ddd; margin-top: 1.6rem; }
table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: .2rem .5rem; text-align: left; }
.meta th { background: #f5f5f7; } .evidence { color: #444; font-style: italic; }
.grade { font-weight: 600; } pre { white-space: pre-wrap; background: #f5f5f7; padding: 1rem; }
"""

HEAD = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    "<title>{{ title }}</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n"
)

LIST = "{% macro bullets(title, items) %}{% if items %}<h2>{{ title }}</h2>\n<ul>\n{% for x in items %}<li>{{ x }}</li>\n{% endfor %}</ul>\n{% endif %}{% endmacro %}\n"

ARTICLE = (
    LIST
    + "{% set title = f.title %}"
    + HEAD
    + """<h1>{{ f.title }}</h1>
<table class="meta">
{% for label, value in f.meta %}<tr><th>{{ label }}</th><td>{{ value }}</td></tr>
{% endfor %}</table>
{% if f.not_analyzed %}<p><strong>Not analysed:</strong> {{ f.not_analyzed }}</p>{% endif %}
{% if f.summary %}<h2>Summary</h2>
<p>{{ f.summary }}</p>{% endif %}
{{ bullets("Key developments", f.developments) }}{{ bullets("Background", f.history) }}{{ bullets("Relations", f.relations) }}
{% if f.people %}<h2>People</h2>
<table><tr><th>Name</th><th>Role</th><th>Country</th><th>Code</th><th>Mentions</th></tr>
{% for e in f.people %}<tr><td>{{ e.name }}</td><td>{{ role_text(e) or "—" }}</td><td>{{ e.country or "—" }}</td><td>{{ e.actor_code or "—" }}</td><td>{{ e.mentions|length }}</td></tr>
{% endfor %}</table>{% endif %}
{% if f.organisations %}<h2>Organisations</h2>
<table><tr><th>Name</th><th>Kind</th><th>Country</th><th>Code</th></tr>
{% for e in f.organisations %}<tr><td>{{ e.name }}</td><td>{{ (e.kind or "—")|replace("_", " ") }}</td><td>{{ e.country or "—" }}</td><td>{{ e.actor_code or "—" }}</td></tr>
{% endfor %}</table>{% endif %}
{{ bullets("Places", f.places) }}{{ bullets("Dates", f.dates) }}{{ bullets("Who says so", f.sourcing) }}{{ bullets("Media named", f.sources) }}
<h2>Article text</h2>
<pre>{{ text }}</pre>
</body>
</html>
"""
)

EVENT_MD = (
    "{% macro side(code, name) %}{{ name or '—' }}{% if code %} ({{ code }}){% endif %}{% endmacro %}"
    "{% macro line(e) %}{{ e.date or 'undated' }} — {{ e.plover }}: {{ side(e.source, e.source_name) }} → "
    "{{ side(e.target, e.target_name) }}{% if e.place %} in {{ e.place }}{% endif %} — "
    "{{ e.independent_origins }} independent origin{{ '' if e.independent_origins == 1 else 's' }}"
    "{% if e.origins %} ({{ e.origins|map(attribute='name')|join(', ') }}){% endif %}; "
    "{{ e.confidence.grade }}: {{ e.confidence.why }}"
    '{% if e.reports %} — "{{ e.reports[0].evidence.text }}"{% endif %}{% endmacro %}\n'
)

STORY_MD = (
    EVENT_MD
    + """# {{ s.title }}

- **Story:** {{ s.id }}
- **First seen:** {{ s.first_seen or "—" }}
- **Last seen:** {{ s.last_seen or "—" }}
- **Articles:** {{ s.n_articles }} from {{ s.outlets|length }} outlet{{ "" if s.outlets|length == 1 else "s" }}: {{ s.outlets|join(", ") or "—" }}
{% if key_events %}

## Key events

{% for e in key_events %}- {{ line(e) }}
{% endfor %}{% endif %}
{% if contested %}

## Contested claims

{% for claim, against in contested %}- {{ line(claim) }}
{% for c, counter in against %}  - {{ c.kind }}: {{ line(counter) }} ({{ c.why }})
{% endfor %}{% endfor %}{% endif %}

## Articles

{% for a in s.articles %}- {{ a.day or "undated" }} — {{ a.outlet or "unknown outlet" }} — {{ a.title or "(untitled)" }} ({{ a.article_id }})
{% endfor %}"""
)

STORY_HTML = (
    EVENT_MD
    + "{% set title = s.title %}"
    + HEAD
    + """<h1>{{ s.title }}</h1>
<table class="meta">
<tr><th>Story</th><td>{{ s.id }}</td></tr>
<tr><th>First seen</th><td>{{ s.first_seen or "—" }}</td></tr>
<tr><th>Last seen</th><td>{{ s.last_seen or "—" }}</td></tr>
<tr><th>Articles</th><td>{{ s.n_articles }}</td></tr>
<tr><th>Outlets</th><td>{{ s.outlets|join(", ") or "—" }}</td></tr>
</table>
{% if key_events %}<h2>Key events</h2>
<ul>
{% for e in key_events %}<li>{{ line(e) }}</li>
{% endfor %}</ul>{% endif %}
{% if contested %}<h2>Contested claims</h2>
<ul>
{% for claim, against in contested %}<li>{{ line(claim) }}<ul>
{% for c, counter in against %}<li>{{ c.kind }}: {{ line(counter) }} ({{ c.why }})</li>
{% endfor %}</ul></li>
{% endfor %}</ul>{% endif %}
<h2>Articles</h2>
<ul>
{% for a in s.articles %}<li>{{ a.day or "undated" }} — {{ a.outlet or "unknown outlet" }} — {{ a.title or "(untitled)" }} ({{ a.article_id }})</li>
{% endfor %}</ul>
</body>
</html>
"""
)

TEMPLATES = {"article": ARTICLE, "story_md": STORY_MD, "story_html": STORY_HTML}
