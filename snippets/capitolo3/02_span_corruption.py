# La corruzione di span di T5: il 15 % dei token sparisce in span di circa 3, uno per sentinella.
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

frase = (
    "The old library in the town centre reopened last spring, after two years "
    "of careful restoration work paid for by local families and small shops."
)
ids = tokenizer(frase, add_special_tokens=False).input_ids
n = len(ids)
n_rumore = max(1, round(n * 0.15))  # 15 % dei token
n_span = max(1, round(n_rumore / 3))  # span lunghi in media 3
lunghezze = [n_rumore // n_span + (i < n_rumore % n_span) for i in range(n_span)]

# Uno span per ogni tratto della frase, in una posizione scelta a caso.
g = torch.Generator().manual_seed(0)
tratto = n // n_span
inizi = []
for i, lun in enumerate(lunghezze):
    scarto = int(torch.randint(tratto - lun + 1, (1,), generator=g))
    inizi.append(i * tratto + scarto)

ingresso, bersaglio, pos = [], [], 0
for k, (inizio, lun) in enumerate(zip(inizi, lunghezze)):
    sentinella = tokenizer.convert_tokens_to_ids(f"<extra_id_{k}>")
    ingresso += ids[pos:inizio] + [sentinella]
    bersaglio += [sentinella] + ids[inizio : inizio + lun]
    pos = inizio + lun
ingresso += ids[pos:] + [tokenizer.eos_token_id]
bersaglio += [tokenizer.convert_tokens_to_ids(f"<extra_id_{n_span}>"), tokenizer.eos_token_id]

print(f"token della frase: {n}   nascosti: {n_rumore}   span: {n_span}   lunghezze: {lunghezze}")
print("\ningresso dell'encoder:\n ", tokenizer.decode(ingresso))
print("\nbersaglio del decoder:\n ", tokenizer.decode(bersaglio))

with torch.inference_mode():
    uscita = model.generate(
        torch.tensor([ingresso]), max_new_tokens=2 * len(bersaglio), do_sample=False
    )
prodotti = [t for t in uscita[0].tolist() if t != tokenizer.pad_token_id]
print("\nprodotto dal modello:\n ", tokenizer.decode(prodotti))
