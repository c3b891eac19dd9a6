"""Engines run the analysis pipeline over many articles: `local` uses a process pool."""
