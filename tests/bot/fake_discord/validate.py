"""Discord's own checks on what a bot sends: shapes, types, and every length limit.

Each check returns a list of (path, message) problems; the server answers 400 "Invalid
Form Body" (code 50035) with them, as Discord does, so a bot that breaks a limit fails
here exactly as it would in production instead of passing against a lenient fake.
"""

from __future__ import annotations

import re
from typing import Any

Problems = list[tuple[str, str]]

EPHEMERAL, SUPPRESS_EMBEDS, LOADING, SILENT, COMPONENTS_V2 = 64, 4, 128, 4096, 32768
MESSAGE_KEYS = {"content", "embeds", "allowed_mentions", "components", "flags", "attachments",
                "tts", "poll", "username", "avatar_url", "thread_name", "applied_tags"}
EMBED_KEYS = {"title", "type", "description", "url", "timestamp", "color", "footer", "image",
              "thumbnail", "video", "provider", "author", "fields", "flags"}
BUTTON_KEYS = {"type", "style", "label", "emoji", "custom_id", "url", "disabled", "sku_id", "id"}
EMBED_LIMITS = {"title": 256, "description": 4096}
COMMAND_NAME = re.compile(r"^[-_\w]{1,32}$")


def _text(problems: Problems, path: str, value: Any, limit: int, *, required: bool = False,
          minimum: int = 0) -> None:
    if value is None and not required:
        return
    if not isinstance(value, str):
        problems.append((path, "Must be a string."))
    elif len(value) > limit:
        problems.append((path, f"Must be {limit} or fewer in length."))
    elif len(value.strip()) < max(minimum, 1 if required else 0):
        problems.append((path, "This field is required"))


def embed_size(embed: dict[str, Any]) -> int:
    fields = embed.get("fields") or []
    return (len(embed.get("title") or "") + len(embed.get("description") or "")
            + sum(len(f.get("name") or "") + len(f.get("value") or "") for f in fields)
            + len((embed.get("footer") or {}).get("text") or "")
            + len((embed.get("author") or {}).get("name") or ""))


def check_embed(embed: Any, path: str) -> Problems:
    problems: Problems = []
    if not isinstance(embed, dict):
        return [(path, "Must be an object.")]
    problems += [(f"{path}.{key}", "Unknown field.") for key in set(embed) - EMBED_KEYS]
    for key, limit in EMBED_LIMITS.items():
        _text(problems, f"{path}.{key}", embed.get(key), limit)
    if "color" in embed and not isinstance(embed["color"], int):
        problems.append((f"{path}.color", "Must be an integer."))
    _text(problems, f"{path}.footer.text", (embed.get("footer") or {}).get("text"), 2048,
          required="footer" in embed)
    _text(problems, f"{path}.author.name", (embed.get("author") or {}).get("name"), 256,
          required="author" in embed)
    fields = embed.get("fields") or []
    if not isinstance(fields, list) or len(fields) > 25:
        problems.append((f"{path}.fields", "Must be 25 or fewer in length."))
        fields = []
    for index, field in enumerate(fields):
        _text(problems, f"{path}.fields.{index}.name", field.get("name"), 256, required=True)
        _text(problems, f"{path}.fields.{index}.value", field.get("value"), 1024, required=True)
    return problems


def check_components(rows: Any, path: str = "components") -> Problems:
    if not isinstance(rows, list) or len(rows) > 5:
        return [(path, "Must be a list of 5 or fewer action rows.")]
    problems: Problems = []
    seen: set[str] = set()
    for r, row in enumerate(rows):
        children = row.get("components") if isinstance(row, dict) else None
        if not isinstance(row, dict) or row.get("type") != 1 or not isinstance(children, list):
            problems.append((f"{path}.{r}", "Must be an action row (type 1) with components."))
            continue
        if not 1 <= len(children) <= 5:
            problems.append((f"{path}.{r}.components", "Must be between 1 and 5 in length."))
        for c, button in enumerate(children):
            problems += _check_button(button, f"{path}.{r}.components.{c}", seen)
    return problems


def _check_button(button: Any, path: str, seen: set[str]) -> Problems:
    if not isinstance(button, dict) or button.get("type") != 2:
        return [(path, "Only buttons (type 2) are expected from this bot.")]
    problems: Problems = [(f"{path}.{k}", "Unknown field.") for k in set(button) - BUTTON_KEYS]
    if button.get("style") not in range(1, 7):
        problems.append((f"{path}.style", "Value must be one of (1, 2, 3, 4, 5, 6)."))
    _text(problems, f"{path}.label", button.get("label"), 80)
    if not button.get("label") and not button.get("emoji"):
        problems.append((path, "A button needs a label or an emoji."))
    custom_id = button.get("custom_id")
    if button.get("style") != 5:
        _text(problems, f"{path}.custom_id", custom_id, 100, required=True)
        if custom_id in seen:
            problems.append((f"{path}.custom_id", "Component custom id cannot be duplicated"))
        seen.add(custom_id)
    return problems


def check_allowed_mentions(value: Any) -> Problems:
    if value is None:
        return []
    if not isinstance(value, dict) or set(value) - {"parse", "users", "roles", "replied_user"}:
        return [("allowed_mentions", "Must be an object of parse/users/roles/replied_user.")]
    parse = value.get("parse", [])
    if not isinstance(parse, list) or set(parse) - {"users", "roles", "everyone"}:
        return [("allowed_mentions.parse", "Must be a list of users, roles, everyone.")]
    for key in ("users", "roles"):
        if key in parse and value.get(key):
            return [(f"allowed_mentions.{key}", f"parse:[{key}] and {key}: [ids] conflict")]
    return []


def check_message(body: Any, *, creating: bool, allowed_flags: int) -> Problems:
    """The body of a message create/edit (interaction callback data or webhook JSON)."""
    if not isinstance(body, dict):
        return [("", "Must be an object.")]
    problems: Problems = [(key, "Unknown field.") for key in set(body) - MESSAGE_KEYS]
    _text(problems, "content", body.get("content"), 2000)
    embeds = body.get("embeds") or []
    if not isinstance(embeds, list) or len(embeds) > 10:
        return [*problems, ("embeds", "Must be 10 or fewer in length.")]
    for index, embed in enumerate(embeds):
        problems += check_embed(embed, f"embeds.{index}")
    if sum(embed_size(e) for e in embeds if isinstance(e, dict)) > 6000:
        problems.append(("embeds", "Embed size exceeds maximum size of 6000"))
    if body.get("components") is not None:
        problems += check_components(body["components"])
    problems += check_allowed_mentions(body.get("allowed_mentions"))
    flags = body.get("flags") or 0
    if not isinstance(flags, int) or flags & ~allowed_flags:
        problems.append(("flags", f"Only flags {allowed_flags} may be set here."))
    if creating and not (body.get("content") or embeds or body.get("components")
                         or body.get("poll") or body.get("attachments")):
        problems.append(("", "Cannot send an empty message"))
    return problems


def check_commands(commands: Any) -> Problems:
    """A bulk-overwrite body: chat-input commands (type 1) with valid names and options, and
    user/message context-menu commands (types 2 and 3): a name of 1-32 characters that may
    hold capitals and spaces, no description, no options."""
    if not isinstance(commands, list) or len(commands) > 100:
        return [("", "Must be a list of 100 or fewer commands.")]
    problems: Problems = []
    seen: set[tuple[int, str]] = set()
    for index, command in enumerate(commands):
        path = str(index)
        name, kind = command.get("name", ""), command.get("type", 1)
        if (kind, name) in seen:
            problems.append((f"{path}.name", "Application command names must be unique"))
        seen.add((kind, name))
        if kind in (2, 3):
            problems += _check_context_menu(command, path)
            continue
        if kind != 1:
            problems.append((f"{path}.type", "Value must be one of (1, 2, 3)."))
        if not COMMAND_NAME.match(name) or name != name.lower():
            problems.append((f"{path}.name", "Command name is invalid"))
        _text(problems, f"{path}.description", command.get("description"), 100, required=True)
        problems += _check_permissions(command, path)
        for o, option in enumerate(command.get("options") or []):
            problems += _check_option(option, f"{path}.options.{o}")
    return problems


def _check_permissions(command: dict[str, Any], path: str) -> Problems:
    permissions = command.get("default_member_permissions")
    # Discord documents a string but accepts an integer too (discord.py sends one).
    if permissions is not None and not (str(permissions).isdigit()
                                        and not isinstance(permissions, bool)):
        return [(f"{path}.default_member_permissions", "Must be a permission bitset.")]
    return []


def _check_context_menu(command: dict[str, Any], path: str) -> Problems:
    problems: Problems = []
    name = command.get("name", "")
    if not isinstance(name, str) or not 1 <= len(name) <= 32 or name != name.strip():
        problems.append((f"{path}.name", "Must be between 1 and 32 in length."))
    if command.get("description"):
        problems.append((f"{path}.description", "Context menu commands cannot have a "
                                                "description"))
    if command.get("options"):
        problems.append((f"{path}.options", "Context menu commands cannot have options"))
    return problems + _check_permissions(command, path)


def _check_option(option: dict[str, Any], path: str) -> Problems:
    problems: Problems = []
    if not COMMAND_NAME.match(option.get("name", "")):
        problems.append((f"{path}.name", "Option name is invalid"))
    _text(problems, f"{path}.description", option.get("description"), 100, required=True)
    if option.get("type") == 3 and not 0 <= option.get("max_length", 6000) <= 6000:
        problems.append((f"{path}.max_length", "Must be between 0 and 6000."))
    if option.get("autocomplete"):
        if option.get("type") not in (3, 4, 10):
            problems.append((f"{path}.autocomplete", "Only string, integer and number "
                                                     "options may autocomplete."))
        if option.get("choices"):
            problems.append((f"{path}.autocomplete", "Autocomplete cannot be set with "
                                                     "choices."))
    return problems


def form_errors(problems: Problems) -> dict[str, Any]:
    """Problems as Discord's nested `errors` object: {"embeds": {"0": {...: {"_errors"}}}}."""
    tree: dict[str, Any] = {}
    for path, text in problems:
        node = tree
        for part in [p for p in path.split(".") if p]:
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append({"code": "INVALID", "message": text})
    return tree
