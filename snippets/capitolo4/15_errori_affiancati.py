# Gli errori in italiano e in inglese affiancati: quali testi sbaglia in una lingua sola.
import csv
import os
import re
import textwrap
from collections import Counter

import torch
from scipy.stats import binomtest
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
PROMPT_EN = (
    "Classify the sentiment of the text as positive, negative or neutral.\nText: {testo}\nAnswer:"
)
MOSTRA = 40  # quanti testi elencare

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
it = classifica([r["testo_it"] for r in righe])
en = classifica([r["testo_en"] for r in righe], prompt=PROMPT_EN)
giusto_it = [p == r["etichetta"] for p, r in zip(it, righe)]
giusto_en = [p == r["etichetta"] for p, r in zip(en, righe)]

print(f"dispositivo: {device}   testi: {len(righe)}")
print(f"{'':<20}{'inglese giusto':>16}{'inglese sbagliato':>19}")
coppie = Counter(zip(giusto_it, giusto_en))  # (italiano giusto?, inglese giusto?) -> testi
for nome, giusto in (("italiano giusto", True), ("italiano sbagliato", False)):
    print(f"{nome:<20}{coppie[giusto, True]:>16}{coppie[giusto, False]:>19}")
print()
sbagliati = [i for i in range(len(righe)) if not (giusto_it[i] and giusto_en[i])]
# prima i testi sbagliati in una lingua sola: lì la lingua fa la differenza
sbagliati.sort(key=lambda i: (giusto_it[i] == giusto_en[i], righe[i]["id"]))
print(f"{'id':<6}{'vera':<10}{'italiano':<18}{'inglese':<18}testo inglese")
for i in sbagliati[:MOSTRA]:
    r = righe[i]
    testo = textwrap.shorten(r["testo_en"], 45, placeholder="…")
    print(f"{r['id']:<6}{r['etichetta']:<10}{it[i]:<18}{en[i]:<18}{testo}")
if len(sbagliati) > MOSTRA:
    print(f"… e altri {len(sbagliati) - MOSTRA}: alza MOSTRA per vederli tutti")

# I valori che la pagina cita nel testo
solo_it_sbagliato, solo_en_sbagliato = coppie[False, True], coppie[True, False]
entrambi_sbagliati = coppie[False, False]

# Test esatto di McNemar: se le due lingue andassero ugualmente bene, ogni testo sbagliato in
# una lingua sola cadrebbe in una delle due caselle come una moneta lanciata
discordanti = solo_it_sbagliato + solo_en_sbagliato
if discordanti == 0:
    esito_mcnemar = (
        "nessun testo è sbagliato in una lingua sola, e il test non ha niente da contare"
    )
else:
    p = binomtest(solo_it_sbagliato, discordanti, 0.5).pvalue  # bilaterale
    esito_mcnemar = "la probabilità è " + (
        "meno di 0,001" if p < 0.001 else f"{p:.3f}".replace(".", ",")
    )
print(
    f"\ntest esatto di McNemar su {discordanti} testi sbagliati in una lingua sola: {esito_mcnemar}"
)
