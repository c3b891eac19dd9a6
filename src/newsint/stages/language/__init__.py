"""Language stage: which language each article is written in (ArticleMeta.language)."""
