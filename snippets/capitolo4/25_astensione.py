# Astenersi quando il punteggio è incerto: accuratezza e copertura, soglia scelta su sviluppo.
import csv
import os

import matplotlib.pyplot as plt
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


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
vere = [r["etichetta"] for r in righe]
parole = [p for c in CANDIDATE.values() for p in c.values()]
# Le parole scelte con la regola di 22_scegliere_le_parole.py, rifatta qui sugli stessi testi
scelta, colonne = scegli_etichette(punteggi([r["testo_it"] for r in righe], parole), vere)
ETICHETTE = CANDIDATE[scelta]
prob = torch.softmax(colonne, dim=1).numpy()  # (testi, 3): una probabilità per classe
confidenza = prob.max(axis=1)  # la probabilità della classe prevista, la più alta delle tre
giusto = np.array([CLASSI[i] == v for i, v in zip(prob.argmax(axis=1), vere)])

# La soglia: il quantile delle confidenze che lascia sopra di sé una quota COPERTURA dei testi
soglia = float(np.quantile(confidenza, 1 - COPERTURA))
risponde = confidenza >= soglia
previste = [CLASSI[i] if r else "astenuto" for i, r in zip(prob.argmax(axis=1), risponde)]
assert previste.count("astenuto") == (~risponde).sum()

print(f"testi di sviluppo: {len(righe)}; punteggio sulle parole {scelta}")
print(f"soglia di confidenza: {soglia:.3f} (quantile {1 - COPERTURA:.2f} delle confidenze)\n")
print(f"{'testi':<28}{'quanti':>7}{'accuratezza':>13}")
for nome, quali in (
    ("tutti", np.ones_like(risponde)),
    ("con risposta (≥ soglia)", risponde),
    ("astenuti (< soglia)", ~risponde),
):
    acc = f"{giusto[quali].mean():.3f}" if quali.any() else "-"
    print(f"{nome:<28}{quali.sum():>7}{acc:>13}")

# La curva: i testi dal più sicuro al meno sicuro; per ogni k, l'accuratezza dei primi k
ordine = np.argsort(-confidenza, kind="stable")
k = np.arange(1, len(righe) + 1)
curva = np.cumsum(giusto[ordine]) / k
fig, ax = plt.subplots(figsize=(6.4, 4))
ax.plot(k / len(righe), curva, label="accuratezza sui testi con risposta")
ax.axhline(giusto.mean(), linestyle="--", color="gray", label="accuratezza su tutti i testi")
ax.plot(risponde.mean(), giusto[risponde].mean(), "o", color="tab:red", label="soglia scelta")
ax.set_xlim(0, 1.02)
ax.set_ylim(0, 1.05)
ax.set_xlabel("copertura (quota dei testi a cui risponde)")
ax.set_ylabel("accuratezza")
ax.legend(loc="lower left")
fig.tight_layout()
titolo = f"Accuratezza e copertura sui {len(righe)} testi di sviluppo, astenendosi dai meno sicuri"
fig.savefig("accuratezza_copertura.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: accuratezza_copertura.png")

# La pagina cita questi valori
copertura = float(risponde.mean())
acc_tutti, acc_risposte = float(giusto.mean()), float(giusto[risponde].mean())
n_astenuti = int((~risponde).sum())
if acc_risposte > acc_tutti:
    effetto = "la alza"
elif acc_risposte < acc_tutti:
    effetto = "la abbassa"
else:
    effetto = "non la cambia"
