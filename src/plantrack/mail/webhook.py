"""Posting text to a DingTalk (钉钉) or WeCom (企业微信) group bot, with every failure
explained in one line that never shows the bot's secret.

Both bots take the same JSON, `{"msgtype": "text", "text": {"content": ...}}`, and answer
`{"errcode": 0, "errmsg": "ok"}`; their URL carries the secret that lets anyone post to the
group (DingTalk's access_token, WeCom's key), so a message names the bot by its server only.
"""

from __future__ import annotations

import json
import socket
import ssl
import threading
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from plantrack.core.messages import Message, msg
from plantrack.store.settings import WebhookSettings

# The most a text message may hold, in bytes of UTF-8: WeCom refuses more than 2048, DingTalk
# more than 20000. Longer text goes in several posts.
CONTENT_LIMITS = {"dingtalk": 20_000, "wecom": 2_048}
BOT_NAMES = {"dingtalk": "webhook.dingtalk", "wecom": "webhook.wecom"}
_CUT = "…"
_REPLY_BYTES = 64 * 1024  # a bot's answer is a line of JSON; never read a flood


def where(settings: WebhookSettings) -> Message:
    """The bot as messages name it: its kind and server, never its path or query."""
    parts = urlsplit(settings.url)
    server = f"{parts.scheme.lower()}://{parts.hostname}"
    if parts.port is not None:
        server += f":{parts.port}"
    return msg("webhook.where", bot=msg(BOT_NAMES[settings.kind]), server=server)


def payload(content: str) -> bytes:
    """The JSON both bots take for a text message."""
    body = {"msgtype": "text", "text": {"content": content}}
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def posts(blocks: Sequence[str], kind: str) -> list[list[int]]:
    """Which blocks of text go in each post, in order, so that no post exceeds the bot's
    limit (a blank line between blocks). A block too long on its own goes alone, cut short
    (see fitted)."""
    limit = CONTENT_LIMITS[kind]
    groups: list[list[int]] = []
    size = 0
    for number, block in enumerate(blocks):
        length = len(block.encode("utf-8"))
        if groups and size + 2 + length <= limit:
            groups[-1].append(number)
            size += 2 + length
        else:
            groups.append([number])
            size = length
    return groups


def fitted(content: str, kind: str) -> str:
    """The content cut at a character to the bot's limit, ending in '…', when too long."""
    limit = CONTENT_LIMITS[kind]
    encoded = content.encode("utf-8")
    if len(encoded) <= limit:
        return content
    room = limit - len(_CUT.encode("utf-8"))
    return encoded[:room].decode("utf-8", "ignore") + _CUT


@dataclass
class _Answer:
    status: int | None = None
    body: bytes = b""
    error: BaseException | None = None


def post(settings: WebhookSettings, content: str) -> Message | None:
    """Post the text; None when the bot took it, else why not. The whole post, from
    connecting to the last byte of the answer, keeps to `settings.deadline`: a server that
    answers a byte at a time cannot hold plantrack (and cron) past it."""
    answer = _Answer()
    request = urllib.request.Request(
        settings.url,
        data=payload(fitted(content, settings.kind)),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )

    def send() -> None:
        try:
            with urllib.request.urlopen(request, timeout=settings.deadline) as response:
                answer.status = response.status
                answer.body = response.read(_REPLY_BYTES)
        except urllib.error.HTTPError as error:
            answer.status = error.code
            error.close()
        except (OSError, ValueError) as error:  # URLError, timeouts, TLS; a bad port
            answer.error = error

    # The post runs in a thread of its own, given up on at the deadline; daemon, so that a
    # post still hanging never keeps plantrack from exiting.
    thread = threading.Thread(target=send, name="plantrack-webhook", daemon=True)
    thread.start()
    thread.join(settings.deadline)
    if thread.is_alive():
        return msg("webhook.deadline", where=where(settings), seconds=settings.deadline)
    return _verdict(settings, answer)


def _verdict(settings: WebhookSettings, answer: _Answer) -> Message | None:
    place = where(settings)
    if answer.error is not None:
        return _unreachable(settings, answer.error)
    assert answer.status is not None, "an answer without an error has a status"
    if not 200 <= answer.status < 300:
        return msg("webhook.http_status", where=place, status=answer.status)
    try:
        reply = json.loads(answer.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None  # a 2xx answer that is no JSON: a relay in between took the post
    code = reply.get("errcode", 0) if isinstance(reply, dict) else 0
    if str(code) == "0":
        return None
    text = str(reply.get("errmsg", ""))
    return msg("webhook.refused", where=place, code=str(code), reason=_redacted(settings, text))


def _unreachable(settings: WebhookSettings, error: BaseException) -> Message:
    """Why the bot could not be reached, from the error's kind: never its text, which may
    quote the URL."""
    place = where(settings)
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, TimeoutError):
        return msg("webhook.deadline", where=place, seconds=settings.deadline)
    if isinstance(reason, ssl.SSLError):
        return msg("webhook.tls_failed", where=place, reason=str(reason.reason or "TLS"))
    if isinstance(reason, socket.gaierror):
        return msg("webhook.unknown_host", where=place)
    if isinstance(reason, ConnectionRefusedError):
        return msg("webhook.refused_connection", where=place)
    if isinstance(reason, OSError) and reason.strerror:
        detail = reason.strerror
    elif isinstance(reason, str):
        detail = _redacted(settings, reason)
    else:
        detail = type(reason).__name__
    return msg("webhook.unreachable", where=place, detail=detail)


def _redacted(settings: WebhookSettings, text: str) -> str:
    """A bot's own words with every secret of the URL (its query values, its path) taken out,
    in case the bot repeats what it was sent."""
    parts = urlsplit(settings.url)
    secrets = [settings.url, parts.query]
    secrets += [value for _, value in parse_qsl(parts.query) if len(value) >= 4]
    secrets += [piece for piece in parts.path.split("/") if len(piece) >= 16]
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text
