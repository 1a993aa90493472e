"""The offline stand-in: a small T5 created from code, used when Flan-T5 can't be had.

It has Flan-T5's classes (``T5Tokenizer``, ``T5ForConditionalGeneration``) and loads
with ``from_pretrained`` from a folder, so the snippets run unchanged; but it is tiny
(about 0.3 M parameters) and knows one thing: after a few seconds of training on
sentences generated below, it answers a sentiment prompt with a label word, in the
language of the prompt's options. Everything else it answers is meaningless, and the
site says so on every page that shows its outputs.

Run as ``python -m docexec.standin FOLDER [TEXTS.csv]``: the build does this in a
separate process with one thread, so that the result is the same bytes every time.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import random
import sys
import unicodedata
from collections import Counter
from pathlib import Path

# Part of the stand-in's identity: bump it when the recipe below changes.
RECIPE_VERSION = "2"
MARKER = "docexec-sostituto.json"
NAME = "t5-sostituto-offline"

# The split of sentiment.csv read only by the guide's final evaluation (snippets/data/LEGGIMI.md).
TEST = "test"

LABELS_IT = ("positivo", "negativo", "neutro")
LABELS_EN = {"positivo": "positive", "negativo": "negative", "neutro": "neutral"}

WORDS = {
    "it": {
        "positivo": "ottimo eccellente fantastico bellissimo piacevole perfetto comodo gentile "
        "veloce buonissimo splendido magnifico consigliato affidabile curato",
        "negativo": "pessimo terribile orribile deludente lento rotto scortese sporco inutile "
        "scadente noioso fastidioso carissimo rumoroso sbagliato",
        "soggetti": "il servizio|il film|l'albergo|il ristorante|questo telefono|il libro|l'app|"
        "la pizza|il personale|il concerto|il treno|la consegna|il corso|lo zaino|la serie",
    },
    "en": {
        "positivo": "great excellent fantastic beautiful pleasant perfect comfortable kind fast "
        "delicious wonderful superb recommended reliable polished",
        "negativo": "awful terrible horrible disappointing slow broken rude dirty useless poor "
        "boring annoying overpriced noisy wrong",
        "soggetti": "the service|the film|the hotel|the restaurant|this phone|the book|the app|"
        "the pizza|the staff|the concert|the train|the delivery|the course|the backpack|the series",
    },
}
TEMPLATES = {
    "it": {
        "valutazione": [
            "{S} è {a}.",
            "Ho trovato {s} {a} e {b}.",
            "{S}: {a}, davvero {b}!",
            "Devo dire che {s} era {a}.",
        ],
        "fatto": [
            "{S} apre alle {h}.",
            "{S} costa {n} euro.",
            "{S} si trova in via Roma {n}.",
            "Da domani {s} sarà disponibile dalle {h}.",
            "Qualcuno sa a che ora chiude {s}?",
        ],
    },
    "en": {
        "valutazione": [
            "{S} is {a}.",
            "I found {s} {a} and {b}.",
            "{S}: {a}, really {b}!",
            "I have to say {s} was {a}.",
        ],
        "fatto": [
            "{S} opens at {h}.",
            "{S} costs {n} euros.",
            "{S} is at {n} Main Street.",
            "From tomorrow {s} will be available from {h}.",
            "Does anyone know when {s} closes?",
        ],
    },
}
PROMPTS = {
    "it": [
        "Classifica il sentiment del testo come positivo, negativo o neutro.\n"
        "Testo: {t}\nRisposta:",
        "Qual è il sentiment di questa frase? Rispondi con positivo, negativo o neutro.\n{t}",
        "{t}\nIl sentiment di questo testo è positivo, negativo o neutro?",
    ],
    "en": [
        "Classify the sentiment of the text as positive, negative or neutral.\nText: {t}\nAnswer:",
        "Is the sentiment of this review positive, negative or neutral?\n{t}",
        "{t}\nWhat is the sentiment of this text? Options: positive, negative, neutral.",
    ],
}


def _sentence(rng: random.Random, lang: str, label: str) -> str:
    words = WORDS[lang]
    subject = rng.choice(words["soggetti"].split("|"))
    fill = {"s": subject, "S": subject[0].upper() + subject[1:]}
    if label == "neutro":
        n = rng.randint(2, 90)
        template = rng.choice(TEMPLATES[lang]["fatto"])
        return template.format(n=n, h=8 + n % 12, **fill)
    a, b = rng.sample(words[label].split(), 2)
    return rng.choice(TEMPLATES[lang]["valutazione"]).format(a=a, b=b, **fill)


def training_pairs(count: int, seed: int = 0) -> list[tuple[str, str]]:
    """(prompt, answer) pairs; the answer's language is that of the prompt's options."""
    rng = random.Random(seed)
    pairs = []
    for index in range(count):
        label = LABELS_IT[index % 3]
        text = _sentence(rng, rng.choice(["it", "en"]), label)
        prompt_lang = rng.choice(["it", "en"])
        prompt = rng.choice(PROMPTS[prompt_lang]).format(t=text)
        pairs.append((prompt, label if prompt_lang == "it" else LABELS_EN[label]))
    return pairs


def _texts(csv_path: Path | None) -> list[str]:
    """The development texts in both languages: the test split stays unseen, even as words."""
    if csv_path is None or not csv_path.exists():
        return []
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row.get("parte", "sviluppo") != TEST]
    return [row[col] for row in rows for col in ("testo_it", "testo_en") if row.get(col)]


def recipe_fingerprint(csv_path: Path | None) -> str:
    """What the stand-in is made from: the recipe's version and the texts' bytes."""
    digest = hashlib.sha256(RECIPE_VERSION.encode())
    if csv_path is not None and csv_path.exists():
        digest.update(csv_path.read_bytes())
    return digest.hexdigest()


def vocabulary(texts: list[str], size: int) -> list[tuple[str, float]]:
    """A SentencePiece-style unigram vocabulary: pieces with log-probability scores.

    The most useful beginnings and endings of words (frequency × length, ties broken
    by the piece itself) plus every character, so that any text can be segmented. Counting
    instead of training keeps it the same bytes on every run.
    """
    pieces: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    for text in texts:
        for word in unicodedata.normalize("NFKC", text).split():
            word = "▁" + word
            chars.update(word)
            # Beginnings and endings of words, as a trained vocabulary ends up with.
            pieces.update(word[:j] for j in range(2, min(len(word), 14) + 1))
            pieces.update(word[i:] for i in range(max(1, len(word) - 8), len(word) - 1))
    best = sorted(pieces.items(), key=lambda kv: (-kv[1] * len(kv[0]), kv[0]))
    chosen = dict(best[: size - len(chars)]) | dict(chars)
    total = sum(chosen.values())
    scored = sorted(
        ((piece, round(math.log(count / total), 6)) for piece, count in chosen.items()),
        key=lambda item: (-item[1], item[0]),
    )
    return [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), *scored]


def create(folder: Path, csv_path: Path | None) -> None:
    """Builds the tokenizer and the model, trains them, saves them into ``folder``."""
    import torch
    from transformers import T5Config, T5ForConditionalGeneration, T5Tokenizer

    torch.manual_seed(0)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    pairs = training_pairs(3000)

    # The vocabulary comes from the prompts and from the project's texts in both
    # languages (unlabelled: only the words matter here).
    pieces = vocabulary(sorted({p for p, _ in pairs} | set(_texts(csv_path))), size=1500)
    sentinels = [(f"<extra_id_{i}>", 0.0) for i in range(99, -1, -1)]  # as in T5: last ids
    tokenizer = T5Tokenizer(vocab=pieces + sentinels, extra_ids=100)

    config = T5Config(
        vocab_size=len(tokenizer),
        d_model=64,
        d_kv=16,
        d_ff=128,
        num_layers=2,
        num_decoder_layers=2,
        num_heads=4,
        feed_forward_proj="gated-gelu",  # as Flan-T5 (T5 v1.1)
        tie_word_embeddings=False,
        dropout_rate=0.0,
        decoder_start_token_id=tokenizer.pad_token_id,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
    )
    model = T5ForConditionalGeneration(config)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    model.train()
    batch_size = 32
    for step in range(300):
        start = (step * batch_size) % len(pairs)
        batch = pairs[start : start + batch_size]
        inputs = tokenizer(
            [p for p, _ in batch],
            return_tensors="pt",
            padding=True,
            truncation=True,
            max_length=128,
        )
        labels = tokenizer([a for _, a in batch], return_tensors="pt", padding=True).input_ids
        labels[labels == tokenizer.pad_token_id] = -100
        loss = model(**inputs, labels=labels).loss
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.eval()

    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    (folder / "README.md").write_text(
        f"# {NAME}\n\n"
        "Modello SOSTITUTIVO creato dal progetto «LLM senza hype» quando Flan-T5 non è\n"
        "disponibile (Hub non raggiungibile). Non è Flan-T5: è un T5 minuscolo addestrato\n"
        "per pochi secondi a rispondere con una parola di sentiment. Le sue risposte non\n"
        "dicono nulla su cosa risponderebbe il modello vero.\n",
        encoding="utf-8",
    )
    (folder / MARKER).write_text(
        json.dumps({"nome": NAME, "ricetta": recipe_fingerprint(csv_path)}, indent=1) + "\n",
        encoding="utf-8",
    )


def is_standin(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def is_current(folder: Path, csv_path: Path | None) -> bool:
    """Whether ``folder`` holds a complete stand-in made with today's recipe and texts."""
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        marker.get("ricetta") == recipe_fingerprint(csv_path) and (folder / "config.json").is_file()
    )


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print("uso: python -m docexec.standin CARTELLA [TESTI.csv]", file=sys.stderr)
        return 2
    create(Path(argv[0]), Path(argv[1]) if len(argv) == 2 else None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
