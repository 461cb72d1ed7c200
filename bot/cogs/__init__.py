"""The bot's slash commands, one cog per command; `DiscordantBot.setup_hook` loads them."""
