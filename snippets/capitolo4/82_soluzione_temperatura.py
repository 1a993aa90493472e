# Esercizio: la temperatura stimata sui testi di sviluppo (Guo et al., 2017, §4.2) e l'ECE.
import csv
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


def ece(confidenza, giusto, m=10):
    """L'errore di calibrazione atteso con m intervalli ((i-1)/m, i/m] (Guo et al., 2017, §2)."""
    intervallo = np.clip(np.ceil(confidenza * m).astype(int) - 1, 0, m - 1)
    totale = 0.0
    for i in range(m):
        dentro = intervallo == i
        if dentro.any():
            scarto = abs(giusto[dentro].mean() - confidenza[dentro].mean())
            totale += dentro.sum() / len(confidenza) * scarto
    return float(totale)


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
vere = [r["etichetta"] for r in righe]
parole = [p for c in CANDIDATE.values() for p in c.values()]
# Le parole scelte con la regola di 22_scegliere_le_parole.py, rifatta qui sugli stessi testi
scelta, colonne = scegli_etichette(punteggi([r["testo_it"] for r in righe], parole), vere)
ETICHETTE = CANDIDATE[scelta]
giusta = torch.tensor([CLASSI.index(v) for v in vere])  # l'indice della classe vera

# Metà dei testi per stimare T, l'altra metà per misurare: un testo non fa le due cose
stima, misura = torch.arange(0, len(righe), 2), torch.arange(1, len(righe), 2)


def nll(t, quali):  # la perdita della pagina sull'entropia incrociata, con i logit divisi per t
    return torch.nn.functional.cross_entropy(colonne[quali] / t, giusta[quali]).item()


griglia = np.geomspace(0.01, 100, 401)  # da 0,01 a 100, in scala logaritmica
T = float(min(griglia, key=lambda t: nll(t, stima)))
print(f"testi di sviluppo: {len(righe)} (metà per stimare T, metà per misurare)")
print(f"temperatura stimata: T = {T:.3f}\n")
print(f"{'':<22}{'NLL (stima)':>12}{'NLL (misura)':>14}{'ECE (misura)':>14}{'accuratezza':>13}")
risultati = {}
for nome, t in (("senza temperatura", 1.0), (f"con T = {T:.3f}", T)):
    prob = torch.softmax(colonne[misura] / t, dim=1).numpy()
    giusto = prob.argmax(axis=1) == giusta[misura].numpy()
    risultati[t] = ece(prob.max(axis=1), giusto), giusto.mean()
    print(
        f"{nome:<22}{nll(t, stima):>12.3f}{nll(t, misura):>14.3f}{risultati[t][0]:>14.3f}"
        f"{risultati[t][1]:>13.3f}"
    )
# Dividere tutti i punteggi di un testo per lo stesso T > 0 non cambia quale sia il più alto
assert torch.equal(colonne.argmax(dim=1), (colonne / T).argmax(dim=1))

# La pagina cita questi valori
ece_prima, ece_dopo = risultati[1.0][0], risultati[T][0]
al_bordo = T in (griglia[0], griglia[-1])  # il minimo potrebbe stare fuori dalla griglia
