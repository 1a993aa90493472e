# LoRA su Flan-T5: addestrato su quattro quinti dei testi di sviluppo, misurato sul quinto restante.
import csv
import os
import random
import re

import torch
from peft import LoraConfig, get_peft_model
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
CLASSI = ["positivo", "negativo", "neutro"]
EPOCHE, BATCH, LR = 3, 16, 1e-3

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
# La prima delle cinque pieghe stratificate di TF-IDF: quattro quinti per addestrare, uno per
# misurare
pieghe = StratifiedKFold(5, shuffle=True, random_state=0)
indici_add, indici_val = next(pieghe.split(vere, vere))
addestramento = [righe[i] for i in indici_add]
validazione = [righe[i] for i in indici_val]
assert not {r["id"] for r in addestramento} & {r["id"] for r in validazione}
testi_val, vere_val = [r["testo_it"] for r in validazione], [r["etichetta"] for r in validazione]


def metriche(previste):
    a = accuracy_score(vere_val, previste)
    return a, f1_score(vere_val, previste, labels=CLASSI, average="macro", zero_division=0)


accuratezza_prima, f1_prima = metriche(classifica(testi_val))  # il modello di partenza

torch.manual_seed(0)  # A parte da numeri casuali, B da zero; poi il dropout dell'addestramento
config = LoraConfig(
    r=8, lora_alpha=16, target_modules=["q", "v"], lora_dropout=0.0, task_type="SEQ_2_SEQ_LM"
)
model = get_peft_model(model, config)
addestrabili = sum(p.numel() for p in model.parameters() if p.requires_grad)
totali = sum(p.numel() for p in model.parameters())
print(f"testi: {len(addestramento)} per l'addestramento, {len(validazione)} tenuti da parte")
print(f"parametri addestrabili: {addestrabili:,} su {totali:,} ({addestrabili / totali:.3%})")

# Batch di testi di lunghezza simile (meno padding), in un ordine diverso a ogni epoca
ordinati = sorted(addestramento, key=lambda r: (len(r["testo_it"]), r["id"]))
batch_add = [ordinati[i : i + BATCH] for i in range(0, len(ordinati), BATCH)]
mescola = random.Random(0)
ottimizzatore = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=LR)
perdite_epoca = []
print(f"{'epoca':<7}{'perdita media':>14}")
for epoca in range(1, EPOCHE + 1):
    model.train()
    mescola.shuffle(batch_add)
    perdite = []
    for batch in batch_add:
        ingresso = tokenizer(
            [PROMPT.format(testo=r["testo_it"]) for r in batch], return_tensors="pt", padding=True
        ).to(device)
        # La risposta da imparare è la stringa dell'etichetta; il padding non conta nella perdita
        bersaglio = tokenizer([r["etichetta"] for r in batch], return_tensors="pt", padding=True)
        etichette = bersaglio.input_ids.masked_fill(bersaglio.attention_mask == 0, -100)
        perdita = model(**ingresso, labels=etichette.to(device)).loss
        ottimizzatore.zero_grad()
        perdita.backward()
        ottimizzatore.step()
        perdite.append(perdita.item())
    perdite_epoca.append(sum(perdite) / len(perdite))
    print(f"{epoca:<7}{perdite_epoca[-1]:>14.4f}")

model.eval()
previste = classifica(testi_val)
accuratezza_lora, f1_lora = metriche(previste)
non_riconosciute = previste.count("non riconosciuto")
print()
print(f"sul quinto tenuto da parte ({len(validazione)} testi)")
print(f"{'modello':<26}{'accuratezza':>12}{'macro-F1':>10}")
print(f"{'di partenza (zero-shot)':<26}{accuratezza_prima:>12.3f}{f1_prima:>10.3f}")
print(f"{'con LoRA':<26}{accuratezza_lora:>12.3f}{f1_lora:>10.3f}")
print(f"risposte non riconosciute dopo LoRA: {non_riconosciute}")

# La pagina cita questi valori: le perdite della prima e dell'ultima epoca, con un verdetto sulle
# cifre mostrate, i testi usati e lo scarto tipico dell'accuratezza su così pochi testi
perdita_prima, perdita_ultima = perdite_epoca[0], perdite_epoca[-1]
andamento = "è scesa" if round(perdita_ultima, 4) < round(perdita_prima, 4) else "non è scesa"
testi_addestramento, testi_validazione = len(addestramento), len(validazione)
scarto_tipico = (accuratezza_lora * (1 - accuratezza_lora) / len(validazione)) ** 0.5
