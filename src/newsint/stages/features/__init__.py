"""The features wing: what the corpus layer keeps of each article, made by the last per-article
stage so that the engines import only the pipeline.

  stage    the features stage (runs after the analysis stages in the ingest engines)
  record   ArticleFeatures and the records inside it; their bytes in the store
  extract  an analysis -> ArticleFeatures (signatures, fingerprints, vectors, evidence)
  pieces   the text pieces features are made of and the corpus compares: words, sentences,
           quotes, numbers, names, outlet names and credit lines, hashes and packed arrays
  bands    the LSH band keys of an article's signatures
"""
