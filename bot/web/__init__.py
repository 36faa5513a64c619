"""The bot's web pages: the moderation board (a Telegram Mini App) and the presenter view."""
