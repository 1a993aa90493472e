# Soluzione: salvare le scelte del classificatore in un file che ricorda modello e prompt.
import csv
import json
import os

import numpy as np
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
COPERTURA = 0.8  # la quota dei testi di sviluppo a cui il classificatore risponde

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


def salva_taratura(percorso):
    """Sceglie sullo sviluppo parole e soglia, e le salva con ciò da cui dipendono."""
    with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
        righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
    parole = [p for c in CANDIDATE.values() for p in c.values()]
    tutti = punteggi([r["testo_it"] for r in righe], parole)
    scelta, colonne = scegli_etichette(tutti, [r["etichetta"] for r in righe])
    confidenza = torch.softmax(colonne, dim=1).max(dim=1).values
    taratura = {"modello": MODEL, "prompt": PROMPT, "copertura": COPERTURA, "parole": scelta}
    taratura["soglia"] = float(np.quantile(confidenza, 1 - COPERTURA))
    with open(percorso, "w", encoding="utf-8") as f:
        json.dump(taratura, f, ensure_ascii=False, indent=1)


def carica_taratura(percorso, modello=MODEL, prompt=PROMPT):
    """Le parole e la soglia salvate, solo se sono state scelte per questo modello e prompt."""
    with open(percorso, encoding="utf-8") as f:
        t = json.load(f)
    if (t["modello"], t["prompt"], t["copertura"]) != (modello, prompt, COPERTURA):
        raise ValueError("scelte fatte per un altro modello o prompt: rifalle sullo sviluppo")
    return t["parole"], t["soglia"]


salva_taratura("taratura.json")
parole, soglia = carica_taratura("taratura.json")
print(f"salvate e rilette: parole {parole}, soglia {soglia:.3f}")
try:
    carica_taratura("taratura.json", modello="un/altro-modello")
    rifiutata = False
except ValueError as errore:
    rifiutata = True
    print(f"con un altro modello: {errore}")
assert rifiutata  # una soglia scelta per un modello non passa in silenzio a un altro
