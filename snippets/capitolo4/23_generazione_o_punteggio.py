# Generazione libera o punteggio delle etichette: gli stessi testi di sviluppo, i due metodi.
import csv
import os
import re

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
testi = [r["testo_it"] for r in righe]

# Generazione libera: il modello scrive, normalizza legge (come in 10_valuta_zero_shot.py)
con_generazione = classifica(testi)
# Punteggio: le parole scelte con la regola di 22_scegliere_le_parole.py, rifatta qui
parole = [p for c in CANDIDATE.values() for p in c.values()]
scelta, colonne = scegli_etichette(punteggi(testi, parole), vere)
ETICHETTE = CANDIDATE[scelta]
con_punteggio = [CLASSI[i] for i in colonne.argmax(dim=1).tolist()]

print(f"testi di sviluppo: {len(righe)} in italiano; punteggio sulle parole {scelta}")
print(f"{'metodo':<12}{'accuratezza':>12}{'macro-F1':>10}{'non riconosciuto':>18}")
metriche = {}
for nome, previste in (("generazione", con_generazione), ("punteggio", con_punteggio)):
    acc = accuracy_score(vere, previste)
    f1 = f1_score(vere, previste, labels=CLASSI, average="macro", zero_division=0)
    metriche[nome] = acc, f1
    print(f"{nome:<12}{acc:>12.3f}{f1:>10.3f}{previste.count('non riconosciuto'):>18}")

# I testi a coppie: giusto o sbagliato con ciascun metodo
giusti_g = [v == p for v, p in zip(vere, con_generazione)]
giusti_p = [v == p for v, p in zip(vere, con_punteggio)]
entrambi = sum(a and b for a, b in zip(giusti_g, giusti_p))
solo_generazione = sum(a and not b for a, b in zip(giusti_g, giusti_p))
solo_punteggio = sum(b and not a for a, b in zip(giusti_g, giusti_p))
nessuno = sum(not a and not b for a, b in zip(giusti_g, giusti_p))
assert entrambi + solo_generazione + solo_punteggio + nessuno == len(righe)
print(f"\n{'':<28}{'giusti col punteggio':>22}{'sbagliati':>11}")
print(f"{'giusti con la generazione':<28}{entrambi:>22}{solo_generazione:>11}")
print(f"{'sbagliati':<28}{solo_punteggio:>22}{nessuno:>11}")

# La pagina cita questi valori
acc_generazione, f1_generazione = metriche["generazione"]
acc_punteggio, f1_punteggio = metriche["punteggio"]
non_riconosciute = con_generazione.count("non riconosciuto")
# Dei testi senza risposta leggibile, quanti il punteggio ha classificato bene
recuperati = sum(p == "non riconosciuto" and ok for p, ok in zip(con_generazione, giusti_p))
stessa_etichetta = sum(a == b for a, b in zip(con_generazione, con_punteggio))
n_testi = len(righe)
