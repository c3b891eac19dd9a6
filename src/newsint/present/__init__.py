"""Everything rendered for people, above the library and below the command line and the web:

  brief   one article's analysis as a brief (terminal, Markdown)
  tables  corpus query results as terminal tables, copy trees and the ingest progress bar
  glossary  what every code means (grades, statuses, copy kinds, event types, TIMEX values)

A chain of sources is rendered by newsint.model.chain_text (grade reasons need it too); the web
UI's HTML rendering is newsint.web.render.
"""
