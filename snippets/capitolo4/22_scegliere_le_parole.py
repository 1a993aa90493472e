# Su quali parole dare il punteggio, italiane o inglesi: la scelta si fa sui testi di sviluppo.
import csv
import os

import torch
from sklearn.metrics import accuracy_score, f1_score
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
CLASSI = ["positivo", "negativo", "neutro"]
CANDIDATE = {  # le parole su cui si può dare il punteggio, nell'ordine di CLASSI
    "italiane": {"positivo": "positivo", "negativo": "negativo", "neutro": "neutro"},
    "inglesi": {"positivo": "positive", "negativo": "negative", "neutro": "neutral"},
}

device = "cuda" if torch.cuda.is_available() else "cpu"
# bfloat16 solo sulle GPU che lo calcolano in hardware (capacità di calcolo 8.0 o più),
# altrove float32. Mai float16: in T5 alcune attivazioni superano il suo massimo, 65504
bf16 = device == "cuda" and torch.cuda.is_bf16_supported(including_emulation=False)
dtype = torch.bfloat16 if bf16 else torch.float32
tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL, dtype=dtype).to(device).eval()


def punteggi(testi, parole, batch_size=16, prompt=PROMPT):
    """log P(parola | prompt) di ogni parola per ogni testo: somma sui token, </s> compreso."""
    ids = [tokenizer(p).input_ids for p in parole]  # ogni lista finisce con </s>
    lunghezza = max(map(len, ids))
    # Le parole più corte si allungano con -100, il valore che transformers ignora nelle labels
    etichette = torch.tensor([x + [-100] * (lunghezza - len(x)) for x in ids], device=device)
    risultati = []
    for i in range(0, len(testi), batch_size):
        batch = [prompt.format(testo=t) for t in testi[i : i + batch_size]]
        inputs = tokenizer(batch, return_tensors="pt", padding=True).to(device)
        k, n = len(parole), len(batch)
        labels = etichette.repeat(n, 1)  # una riga per coppia (testo, parola)
        with torch.inference_mode():
            stati = model.get_encoder()(**inputs).last_hidden_state  # una volta per testo
            logit = model(  # il decoder: una chiamata sola per tutte le coppie
                encoder_outputs=(stati.repeat_interleave(k, dim=0),),
                attention_mask=inputs.attention_mask.repeat_interleave(k, dim=0),
                labels=labels,
            ).logits
        log_p = torch.log_softmax(logit.float(), dim=-1)  # (n·k, lunghezza, vocabolario)
        scelti = log_p.gather(-1, labels.clamp(min=0).unsqueeze(-1)).squeeze(-1)
        risultati.append((scelti * (labels != -100)).sum(dim=-1).view(n, k).cpu())
    return torch.cat(risultati)  # (testi, parole)


def scegli_etichette(tutti, vere):
    """La lista di CANDIDATE con la macro-F1 più alta (a pari merito l'accuratezza, poi la
    prima) e le sue tre colonne di tutti, i punteggi delle parole di CANDIDATE in fila."""
    voti = {}
    for j, nome in enumerate(CANDIDATE):
        previste = [CLASSI[i] for i in tutti[:, 3 * j : 3 * j + 3].argmax(dim=1).tolist()]
        f1 = f1_score(vere, previste, labels=CLASSI, average="macro", zero_division=0)
        voti[nome] = (f1, accuracy_score(vere, previste))
    scelta = max(CANDIDATE, key=voti.get)  # max tiene il primo di quelli a pari merito
    j = list(CANDIDATE).index(scelta)
    return scelta, tutti[:, 3 * j : 3 * j + 3]


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
vere = [r["etichetta"] for r in righe]
parole = [p for c in CANDIDATE.values() for p in c.values()]
tutti = punteggi([r["testo_it"] for r in righe], parole)  # (testi, 6): un encoder per testo

print(f"testi di sviluppo: {len(righe)} in italiano, lo stesso prompt per le due liste")
print(f"{'lista':<9} {'parole':<28}{'accuratezza':>11}{'macro-F1':>10}   previsti pos/neg/neu")
previste, acc, f1 = {}, {}, {}
for j, (nome, c) in enumerate(CANDIDATE.items()):
    colonne = tutti[:, 3 * j : 3 * j + 3]  # le tre parole di questa lista, nell'ordine di CLASSI
    previste[nome] = [CLASSI[i] for i in colonne.argmax(dim=1).tolist()]
    acc[nome] = accuracy_score(vere, previste[nome])
    f1[nome] = f1_score(vere, previste[nome], labels=CLASSI, average="macro", zero_division=0)
    quanti = "/".join(str(previste[nome].count(k)) for k in CLASSI)
    print(f"{nome:<9} {', '.join(c.values()):<28}{acc[nome]:>11.3f}{f1[nome]:>10.3f}   {quanti}")

# La regola, fissata prima di guardare i numeri: vince la macro-F1 più alta; a pari merito
# l'accuratezza, poi la lista che viene prima in CANDIDATE (le parole italiane)
scelta, _ = scegli_etichette(tutti, vere)
assert scelta == max(CANDIDATE, key=lambda n: (f1[n], acc[n]))  # la tabella dice lo stesso
ETICHETTE = CANDIDATE[scelta]  # classe -> parola su cui si dà il punteggio
print(f"\nscelta: parole {scelta}")
print(f"ETICHETTE = {ETICHETTE}")

# Su quanti testi poggia la differenza: giusti con una lista e sbagliati con l'altra
it = [v == p for v, p in zip(vere, previste["italiane"])]
en = [v == p for v, p in zip(vere, previste["inglesi"])]
solo_italiane = sum(a and not b for a, b in zip(it, en))
solo_inglesi = sum(b and not a for a, b in zip(it, en))
print(f"testi giusti solo con le italiane: {solo_italiane}; solo con le inglesi: {solo_inglesi}")

# La pagina cita questi valori
n_sviluppo = len(righe)
acc_italiane, acc_inglesi = acc["italiane"], acc["inglesi"]
f1_italiane, f1_inglesi = f1["italiane"], f1["inglesi"]
parole_scelte = list(ETICHETTE.values())
