"""Files sent with a message, as Discord takes them: a multipart body of `payload_json` and
`files[n]`, the message's `attachments` array naming each upload by its index n (and, in an
edit, the attachments to keep by their id), and embed images that say `attachment://NAME`.

Strict like Discord: a part it does not know, a file no attachment entry names, an entry
naming no file, more than MAX_FILES files, a description over 1,024 characters, or an
embed image naming a file that is not there are 400 Invalid Form Body (50035); a file
over the interaction's `attachment_size_limit` is 413 Request entity too large (40005).
Accepted files get an attachment (id, size, url, width and height for images) and an embed
image naming one is rewritten to its url, as Discord returns them.
"""

from __future__ import annotations

import json
import mimetypes
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .payloads import snowflake
from .validate import Problems

if TYPE_CHECKING:
    from .server import FakeDiscord

MAX_FILES = 10
SIZE_LIMIT = 10 * 1024 * 1024  # Discord's default per-file limit (what interactions report)
FILE_PART = re.compile(r"files\[(\d+)\]")
ATTACHMENT_KEYS = {"id", "filename", "description", "title", "duration_secs", "waveform",
                   "is_remix", "size", "url", "proxy_url", "content_type", "height", "width",
                   "ephemeral", "flags", "placeholder", "placeholder_version"}
PNG = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Upload:
    """One `files[n]` part."""

    index: int
    filename: str
    data: bytes


@dataclass
class Incoming:
    """A request body: its JSON (from `payload_json` in a multipart body) and its files."""

    body: dict[str, Any] | None
    uploads: list[Upload] = field(default_factory=list)
    problems: Problems = field(default_factory=list)
    too_large: bool = False


async def read_body(request: web.Request, size_limit: int = SIZE_LIMIT) -> Incoming:
    """The JSON body, or the multipart body's payload_json and files."""
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            return Incoming(None)
        return Incoming(body if isinstance(body, dict) else None)
    if request.content_type != "multipart/form-data":
        return Incoming(None)
    incoming = Incoming(None)
    async for part in await request.multipart():
        name = part.name or ""
        if name == "payload_json":
            try:
                incoming.body = json.loads(await part.text())
            except ValueError:
                incoming.problems.append(("payload_json", "Must be valid JSON."))
        elif (match := FILE_PART.fullmatch(name)) is not None:
            data = await part.read(decode=False)
            incoming.too_large |= len(data) > size_limit
            if not part.filename:
                incoming.problems.append((name, "A file needs a filename."))
            incoming.uploads.append(Upload(int(match.group(1)), part.filename or "", data))
        else:
            incoming.problems.append((name, "Unknown form field."))
    if incoming.body is None and not incoming.problems:
        incoming.problems.append(("payload_json", "Required with files."))
    if len(incoming.uploads) > MAX_FILES:
        incoming.problems.append(("files", f"Must be {MAX_FILES} or fewer in length."))
    return incoming


def check_attachments(body: dict[str, Any], uploads: list[Upload],
                      existing: list[dict[str, Any]]) -> Problems:
    """The `attachments` entries against the files and the message's own attachments, and
    every `attachment://` embed image against what the message will hold."""
    entries = body.get("attachments")
    indexes = {u.index for u in uploads}
    if len(indexes) != len(uploads):
        return [("files", "Each files[n] index may appear once.")]
    if entries is None:
        kept = list(existing)
        return _embed_refs(body, [u.filename for u in uploads] + [a["filename"] for a in kept])
    if not isinstance(entries, list):
        return [("attachments", "Must be a list.")]
    problems: Problems = []
    named: set[int] = set()
    old = {str(a["id"]): a for a in existing}
    names = []
    for i, entry in enumerate(entries):
        path = f"attachments.{i}"
        if not isinstance(entry, dict) or "id" not in entry:
            problems.append((path, "Must be an object with an id."))
            continue
        problems += [(f"{path}.{k}", "Unknown field.") for k in set(entry) - ATTACHMENT_KEYS]
        description = entry.get("description")
        if description is not None and (not isinstance(description, str)
                                        or len(description) > 1024):
            problems.append((f"{path}.description", "Must be 1024 or fewer in length."))
        if str(entry["id"]) in old:
            names.append(old[str(entry["id"])]["filename"])
        elif isinstance(entry["id"], int) and entry["id"] in indexes:
            named.add(entry["id"])
            names.append(entry.get("filename") or _upload(uploads, entry["id"]).filename)
        else:
            problems.append((f"{path}.id", "Unknown attachment: no such file or attachment."))
    problems += [(f"files[{u.index}]", "No attachments entry names this file.")
                 for u in uploads if u.index not in named]
    return problems + _embed_refs(body, names)


def _upload(uploads: list[Upload], index: int) -> Upload:
    return next(u for u in uploads if u.index == index)


def _embed_refs(body: dict[str, Any], names: list[str]) -> Problems:
    problems: Problems = []
    for e, embed in enumerate(body.get("embeds") or []):
        for key in ("image", "thumbnail"):
            url = ((embed or {}).get(key) or {}).get("url") or ""
            if url.startswith("attachment://") and url[len("attachment://"):] not in names:
                problems.append((f"embeds.{e}.{key}.url",
                                 f"Could not interpret {url!r}: no such attachment."))
    return problems


def attach(fake: FakeDiscord, message: dict[str, Any], body: dict[str, Any],
           uploads: list[Upload], *, editing: bool) -> None:
    """Store the files on `message` and point its embed images at them, as Discord does."""
    existing = (message.get("attachments") or []) if editing else []
    entries = body.get("attachments")
    new = {u.index: u for u in uploads}
    if entries is None:
        if not uploads and not _refs(message):
            return
        kept = [*existing, *(_stored(fake, message, u, {}) for u in uploads)]
    else:
        old = {str(a["id"]): a for a in existing}
        kept = [old[str(e["id"])] if str(e["id"]) in old
                else _stored(fake, message, new[e["id"]], e) for e in entries]
    message["attachments"] = kept
    by_name = {a["filename"]: a for a in kept}
    message["embeds"] = [_resolved(embed, by_name) for embed in message.get("embeds") or []]


def _resolved(embed: dict[str, Any], by_name: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A copy of the embed whose `attachment://` images point at the stored files (the
    request's body, which tests read back, is left as the bot sent it)."""
    embed = dict(embed)
    for key in ("image", "thumbnail"):
        url = (embed.get(key) or {}).get("url") or ""
        if url.startswith("attachment://"):
            found = by_name[url[len("attachment://"):]]
            embed[key] = {"url": found["url"], "proxy_url": found["proxy_url"],
                          **{k: found[k] for k in ("width", "height") if k in found}}
    return embed


def _refs(message: dict[str, Any]) -> bool:
    return any(((e.get(k) or {}).get("url") or "").startswith("attachment://")
               for e in message.get("embeds") or [] for k in ("image", "thumbnail"))


def _stored(fake: FakeDiscord, message: dict[str, Any], upload: Upload,
            entry: dict[str, Any]) -> dict[str, Any]:
    filename = entry.get("filename") or upload.filename
    attachment_id = snowflake()
    url = f"{fake.cdn_base}/attachments/{message['channel_id']}/{attachment_id}/{filename}"
    fake.files[attachment_id] = upload.data
    attachment = {"id": attachment_id, "filename": filename, "size": len(upload.data),
                  "url": url, "proxy_url": url,
                  "content_type": mimetypes.guess_type(filename)[0] or
                  "application/octet-stream"}
    if entry.get("description") is not None:
        attachment["description"] = entry["description"]
    if upload.data.startswith(PNG) and len(upload.data) >= 24:
        attachment["width"] = int.from_bytes(upload.data[16:20], "big")
        attachment["height"] = int.from_bytes(upload.data[20:24], "big")
    return attachment
