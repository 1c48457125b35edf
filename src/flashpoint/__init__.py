"""flashpoint: news articles in, geocoded conflict and crisis events out."""
__version__ = "0.1.0"
