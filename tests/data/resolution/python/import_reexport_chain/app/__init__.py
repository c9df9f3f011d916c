from app.core import run
