"""ailit: an AI-literacy curriculum and the platform that teaches and certifies it."""

__version__ = "0.1.0"
