# Few-shot con cinque insiemi di esempi, ciascuno in due ordini: media e deviazione standard.
import csv
import os
import random
import re
import statistics

import torch
from sklearn.metrics import accuracy_score, f1_score
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
CLASSI = ["positivo", "negativo", "neutro"]
INSIEMI = 5  # insiemi di esempi, ciascuno con un esempio per classe
MAX_CARATTERI = 120  # esempi brevi: ogni loro token si ripete in ogni prompt
PER_CLASSE = 15  # testi valutati per classe, gli stessi per ogni prompt

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


def few_shot(prompt, esempi):
    """Il prompt con gli esempi già risolti, nell'ordine dato, tra l'istruzione e il testo."""
    istruzione, domanda = prompt.split("\n", 1)  # domanda: "Testo: {testo}\nRisposta:"
    risolti = [domanda.format(testo=e["testo_it"]) + f" {e['etichetta']}" for e in esempi]
    return "\n".join([istruzione, *risolti, domanda])


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]

# Gli esempi: per ogni classe, cinque testi brevi diversi, estratti con un seme fisso
rng = random.Random(0)
brevi = {c: [r for r in righe if r["etichetta"] == c and len(r["testo_it"]) <= MAX_CARATTERI]
         for c in CLASSI}  # fmt: skip
scelti = {c: rng.sample(brevi[c], INSIEMI) for c in CLASSI}
prove = []  # (insieme, ordine, esempi)
for k in range(INSIEMI):
    esempi = [scelti[c][k] for c in CLASSI]
    rng.shuffle(esempi)
    prove += [(k + 1, "A", esempi), (k + 1, "B", esempi[::-1])]  # B: lo stesso, al contrario

# I testi valutati: tolti tutti gli esempi usati, i primi PER_CLASSE di ogni classe nel file
usati = {r["id"] for c in CLASSI for r in scelti[c]}
resto = [r for r in righe if r["id"] not in usati]
valutati = [r for c in CLASSI for r in [r for r in resto if r["etichetta"] == c][:PER_CLASSE]]
assert not {r["id"] for r in valutati} & usati  # nessun esempio tra i testi valutati
testi, vere = [r["testo_it"] for r in valutati], [r["etichetta"] for r in valutati]


def metriche(previste):
    a = accuracy_score(vere, previste)
    f1 = f1_score(vere, previste, labels=CLASSI, average="macro", zero_division=0)
    return a, f1, previste.count("non riconosciuto")


print(f"testi valutati: {len(valutati)} ({PER_CLASSE} per classe), esempi usati: {len(usati)}")
intestazione = ["insieme", "ordine", "esempi, nell'ordine del prompt", "acc.", "F1", "non ric."]
print("{:<9}{:<8}{:<33}{:>7}{:>7}{:>10}".format(*intestazione))
accuratezza_zero, f1_zero, nr_zero = metriche(classifica(testi))
print(f"{'zero-shot':<17}{'(nessun esempio)':<33}{accuratezza_zero:>7.3f}{f1_zero:>7.3f}"
      f"{nr_zero:>10}")  # fmt: skip
risultati = {}
for insieme, ordine, esempi in prove:
    a, f1, nr = metriche(classifica(testi, prompt=few_shot(PROMPT, esempi)))
    risultati[insieme, ordine] = a, f1
    sequenza = " ".join(f"{e['id']} {e['etichetta'][:3]}" for e in esempi)
    print(f"{insieme:<9}{ordine:<8}{sequenza:<33}{a:>7.3f}{f1:>7.3f}{nr:>10}")

accuratezze = [a for a, _ in risultati.values()]
f1_tutti = [f1 for _, f1 in risultati.values()]
media_acc, sd_acc = statistics.mean(accuratezze), statistics.stdev(accuratezze)
media_f1, sd_f1 = statistics.mean(f1_tutti), statistics.stdev(f1_tutti)
print()
print(f"few-shot, {len(prove)} prompt: accuratezza {media_acc:.3f} ± {sd_acc:.3f}, "
      f"macro-F1 {media_f1:.3f} ± {sd_f1:.3f} (media ± deviazione standard)")  # fmt: skip

# La pagina cita questi valori: il peggiore e il migliore dei prompt, quanti battono lo
# zero-shot sugli stessi testi, e di quanto cambia in media l'accuratezza invertendo l'ordine
peggiore, migliore = min(accuratezze), max(accuratezze)
sopra_zero = sum(a > accuratezza_zero for a in accuratezze)
prompt_provati = len(prove)
cambio_ordine = statistics.mean(
    abs(risultati[k, "A"][0] - risultati[k, "B"][0]) for k in range(1, INSIEMI + 1)
)
testi_valutati, esempi_usati = len(valutati), len(usati)
