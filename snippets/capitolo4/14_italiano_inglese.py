# Gli stessi testi di sviluppo in italiano e in inglese: metriche a confronto, F1 per classe.
import csv
import os
import re

import matplotlib.pyplot as plt
import torch
from sklearn.metrics import accuracy_score, precision_recall_fscore_support
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
PROMPT_EN = (
    "Classify the sentiment of the text as positive, negative or neutral.\nText: {testo}\nAnswer:"
)
CLASSI = ["positivo", "negativo", "neutro"]

device = "cuda" if torch.cuda.is_available() else "cpu"
# bfloat16 solo sulle GPU che lo calcolano in hardware (capacità di calcolo 8.0 o più),
# altrove float32. Mai float16: in T5 alcune attivazioni superano il suo massimo, 65504
bf16 = device == "cuda" and torch.cuda.is_bf16_supported(including_emulation=False)
dtype = torch.bfloat16 if bf16 else torch.float32
tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL, dtype=dtype).to(device).eval()


def normalizza(risposta: str) -> str:
    """Riduce una risposta a positivo, negativo o neutro; se è ambigua, a «non riconosciuto»."""
    parole = re.findall(r"\w+", risposta.lower())  # minuscole, senza punteggiatura
    if "non" in parole or "not" in parole:  # «non positivo» non dice quale classe
        return "non riconosciuto"
    radici = {"positiv": "positivo", "negativ": "negativo", "neutr": "neutro"}
    trovate = {e for p in parole for r, e in radici.items() if p.startswith(r)}
    return trovate.pop() if len(trovate) == 1 else "non riconosciuto"


def classifica(testi, batch_size=16, prompt=PROMPT):
    """Un'etichetta per testo; i prompt vanno al modello a gruppi di batch_size."""
    etichette = []
    for i in range(0, len(testi), batch_size):
        batch = [prompt.format(testo=t) for t in testi[i : i + batch_size]]
        inputs = tokenizer(batch, return_tensors="pt", padding=True).to(device)
        with torch.inference_mode():
            uscite = model.generate(**inputs, max_new_tokens=5, do_sample=False)
        etichette += map(normalizza, tokenizer.batch_decode(uscite, skip_special_tokens=True))
    return etichette


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
vere = [r["etichetta"] for r in righe]
metriche, f1_per_classe = {}, {}
for lingua, prompt in (("it", PROMPT), ("en", PROMPT_EN)):
    testi = [r[f"testo_{lingua}"] for r in righe]
    previste = classifica(testi, prompt=prompt)
    _, richiamo, f1, _ = precision_recall_fscore_support(
        vere, previste, labels=CLASSI, zero_division=0
    )
    ids = tokenizer(testi, add_special_tokens=False).input_ids  # senza istruzione né </s>
    token = sum(len(x) for x in ids) / len(ids)
    nr = previste.count("non riconosciuto")
    metriche[lingua] = [accuracy_score(vere, previste), f1.mean(), *richiamo, nr, token]
    f1_per_classe[lingua] = f1

nomi = ["accuratezza", "macro-F1", *(f"richiamo {c}" for c in CLASSI)]
nomi += ["non riconosciuto", "token per testo"]
print(f"dispositivo: {device}   testi: {len(righe)} per lingua, prompt zero-shot")
print(f"{'':<20}{'italiano':>10}{'inglese':>10}")
for i, nome in enumerate(nomi):
    formato = ".0f" if nome == "non riconosciuto" else ".1f" if nome.startswith("token") else ".3f"
    valori = (metriche["it"][i], metriche["en"][i])
    print(f"{nome:<20}" + "".join(f"{v:>10{formato}}" for v in valori))

fig, ax = plt.subplots(figsize=(6, 3.5))
x = range(len(CLASSI))
ax.bar([i - 0.2 for i in x], f1_per_classe["it"], width=0.4, label="italiano")
ax.bar([i + 0.2 for i in x], f1_per_classe["en"], width=0.4, label="inglese")
ax.set_xticks(list(x), CLASSI)
ax.set_ylim(0, 1)
ax.set_ylabel("F1")
ax.legend()
fig.tight_layout()
titolo = "F1 per classe: gli stessi testi in italiano e in inglese, prompt zero-shot"
fig.savefig("f1_italiano_inglese.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: f1_italiano_inglese.png")

# I valori che la pagina cita nel testo: numeri e verdetti di questa esecuzione
accuratezza_it, accuratezza_en = metriche["it"][0], metriche["en"][0]
if accuratezza_it == accuratezza_en:
    confronto_accuratezza = "uguale nelle due lingue"
else:
    confronto_accuratezza = "più alta in " + (
        "italiano" if accuratezza_it > accuratezza_en else "inglese"
    )
token_it, token_en = metriche["it"][-1], metriche["en"][-1]
rapporto_token = token_it / token_en
distanze_f1 = [round(abs(a - b), 9) for a, b in zip(f1_per_classe["it"], f1_per_classe["en"])]
piu_distanti = [f"«{c}»" for c, d in zip(CLASSI, distanze_f1) if d == max(distanze_f1)]
if max(distanze_f1) == 0:
    confronto_f1 = "la F1 di ogni classe è la stessa nelle due lingue"
elif len(piu_distanti) == 1:
    confronto_f1 = f"la F1 delle due lingue differisce di più nella classe {piu_distanti[0]}"
else:  # a pari merito si nominano tutte
    classi = ", ".join(piu_distanti[:-1]) + " e " + piu_distanti[-1]
    confronto_f1 = f"la F1 delle due lingue differisce di più, a pari merito, nelle classi {classi}"
