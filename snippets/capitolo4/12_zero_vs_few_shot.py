# Zero-shot contro few-shot, in italiano e in inglese, su 90 testi che non fanno da esempio.
import csv
import os
import re
from math import comb

import torch
from sklearn.metrics import accuracy_score, f1_score
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
PROMPT_EN = (
    "Classify the sentiment of the text as positive, negative or neutral.\nText: {testo}\nAnswer:"
)
CLASSI = ["positivo", "negativo", "neutro"]
ESEMPI = ["s048", "s056", "s042"]  # uno per classe: positivo, negativo, neutro
IN_INGLESE = {"positivo": "positive", "negativo": "negative", "neutro": "neutral"}

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
per_id = {r["id"]: r for r in righe}
esempi = [per_id[i] for i in ESEMPI]
# Gli esempi del prompt escono dalla valutazione; poi i primi 30 testi di ogni classe
resto = [r for r in righe if r["id"] not in ESEMPI]
valutati = [r for c in CLASSI for r in [r for r in resto if r["etichetta"] == c][:30]]
vere = [r["etichetta"] for r in valutati]
assert not {r["id"] for r in valutati} & set(ESEMPI)  # nessun esempio tra i testi valutati


def few_shot(prompt, lingua):
    """Il prompt con gli esempi già risolti tra l'istruzione e il testo da classificare."""
    istruzione, domanda = prompt.split("\n", 1)  # domanda: "Testo: {testo}\nRisposta:"
    risolti = []
    for e in esempi:
        etichetta = e["etichetta"] if lingua == "it" else IN_INGLESE[e["etichetta"]]
        risolti.append(domanda.format(testo=e[f"testo_{lingua}"]) + f" {etichetta}")
    return "\n".join([istruzione, *risolti, domanda])


print(f"dispositivo: {device}   testi valutati: {len(valutati)} per lingua (30 per classe)")
print(f"{'lingua':<8}{'prompt':<11}{'accuratezza':>12}{'macro-F1':>10}{'non ric.':>10}")
giusti, non_riconosciute = {}, {"zero-shot": 0, "few-shot": 0}
for lingua, prompt in (("it", PROMPT), ("en", PROMPT_EN)):
    testi = [r[f"testo_{lingua}"] for r in valutati]
    for nome, p in (("zero-shot", prompt), ("few-shot", few_shot(prompt, lingua))):
        previste = classifica(testi, prompt=p)
        accuratezza = accuracy_score(vere, previste)
        f1 = f1_score(vere, previste, labels=CLASSI, average="macro", zero_division=0)
        nr = previste.count("non riconosciuto")
        print(f"{lingua:<8}{nome:<11}{accuratezza:>12.3f}{f1:>10.3f}{nr:>10}")
        giusti[lingua, nome] = [v == p for v, p in zip(vere, previste)]  # testo per testo
        non_riconosciute[nome] += nr


def mcnemar_esatto(b, c):
    """Valore p bilaterale del test di McNemar esatto. Se i due prompt si equivalgono, ogni
    testo discordante (giusto con uno solo dei due) va all'uno o all'altro a testa o croce."""
    n = b + c
    return min(1.0, 2 * sum(comb(n, k) for k in range(min(b, c) + 1)) / 2**n)


# Solo i testi discordanti distinguono i due prompt: quelli giusti (o sbagliati) con entrambi no
print()
print(f"{'lingua':<8}{'giusti solo few-shot':>21}{'solo zero-shot':>16}{'valore p':>10}")
confronto = {}
for lingua in ("it", "en"):
    coppie = list(zip(giusti[lingua, "few-shot"], giusti[lingua, "zero-shot"]))
    solo_few, solo_zero = coppie.count((True, False)), coppie.count((False, True))
    confronto[lingua] = solo_few, solo_zero, mcnemar_esatto(solo_few, solo_zero)
    print(f"{lingua:<8}{solo_few:>21}{solo_zero:>16}{confronto[lingua][2]:>10.3f}")

# La pagina cita questi valori: i testi discordanti, i valori p e le risposte non riconosciute
(solo_few_it, solo_zero_it, p_it), (solo_few_en, solo_zero_en, p_en) = confronto.values()
sotto_5_it, sotto_5_en = p_it < 0.05, p_en < 0.05
nr_zero, nr_few = non_riconosciute["zero-shot"], non_riconosciute["few-shot"]
