"""Drives `precis serve` with OpenAI's own Python client, unchanged:
a chat (non-streamed and streamed), a chat about a document, and an error.

Usage: openai_client.py BASE_URL DOCUMENT_ID [TOKEN]; prints one JSON
object with what it saw, exits non-zero on the first failed check."""
import json
import sys

import openai

base, document = sys.argv[1], sys.argv[2]
token = sys.argv[3] if len(sys.argv) > 3 else "unused"
# One retry, as the client does by default, covers a kept-alive connection the
# server closed between two requests; real errors (4xx) are never retried.
client = openai.OpenAI(base_url=base + "/v1", api_key=token, max_retries=1, timeout=600)
seen = {}

models = [m.id for m in client.models.list().data]
assert "doc:" + document in models, models
seen["models"] = models

chat = client.chat.completions.create(
    model=models[0], messages=[{"role": "user", "content": "Name a colour."}],
    max_tokens=12, temperature=0, seed=1)
assert chat.object == "chat.completion", chat
assert chat.choices[0].message.role == "assistant"
assert chat.choices[0].message.content.strip(), chat
assert chat.choices[0].finish_reason in ("stop", "length")
assert chat.usage.completion_tokens >= 1 and chat.usage.prompt_tokens > 0
seen["chat"] = chat.choices[0].message.content

again = client.chat.completions.create(
    model=models[0], messages=[{"role": "user", "content": "Name a colour."}],
    max_tokens=12, temperature=0, seed=1)
assert again.choices[0].message.content == chat.choices[0].message.content, "greedy answers differ"

pieces, finish = [], None
for chunk in client.chat.completions.create(
        model=models[0], messages=[{"role": "user", "content": "Count from one to five."}],
        max_tokens=16, temperature=0.7, top_p=0.9, seed=7, stream=True):
    if chunk.choices and chunk.choices[0].delta.content:
        pieces.append(chunk.choices[0].delta.content)
    if chunk.choices and chunk.choices[0].finish_reason:
        finish = chunk.choices[0].finish_reason
assert len(pieces) >= 2, pieces
assert finish in ("stop", "length"), finish
seen["stream"] = "".join(pieces)

stopped = client.chat.completions.create(
    model=models[0], messages=[{"role": "user", "content": "Count from one to twenty, one number per line."}],
    max_tokens=60, temperature=0, stop=["\n"])
assert "\n" not in stopped.choices[0].message.content, stopped.choices[0].message.content
seen["stop"] = stopped.choices[0].message.content

about = client.chat.completions.create(
    model="doc:" + document, messages=[{"role": "user", "content": "Who pays the fees?"}],
    max_tokens=40, temperature=0)
answer = about.choices[0].message.content
assert answer.strip(), about
extra = about.model_extra or {}
assert extra.get("sources") and extra["sources"][0]["source"]["document_id"] == document, extra
seen["document_answer"] = answer
seen["document_source"] = extra["sources"][0]["source"]["citation"]

try:
    client.chat.completions.create(model=models[0], messages=[], max_tokens=4)
    raise AssertionError("an empty message list was accepted")
except openai.BadRequestError as error:
    assert error.status_code == 400
    seen["error"] = error.body["message"] if isinstance(error.body, dict) else str(error.body)

try:
    client.chat.completions.create(model="doc:0000000000000000", messages=[{"role": "user", "content": "Hi"}])
    raise AssertionError("an unknown document was accepted")
except openai.NotFoundError as error:
    assert error.status_code == 404

print(json.dumps(seen))
