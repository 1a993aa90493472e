# Quanto costa ogni metodo della prova sul test: testi al secondo, secondi per mille, addestramento.
import csv
import os
import random
import re
import time

import torch
from peft import LoraConfig, get_peft_model
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

inizio_snippet = time.perf_counter()
MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
CLASSI = ["positivo", "negativo", "neutro"]
CANDIDATE = {  # le parole su cui si può dare il punteggio, nell'ordine di CLASSI
    "italiane": {"positivo": "positivo", "negativo": "negativo", "neutro": "neutro"},
    "inglesi": {"positivo": "positive", "negativo": "negative", "neutro": "neutral"},
}
INSIEMI, MAX_CARATTERI = 5, 120  # gli insiemi di esempi few-shot della pagina sui confronti
EPOCHE, BATCH, LR = 3, 16, 1e-3  # LoRA, come nella pagina sui confronti
MISURATE = 1  # di quelle epoche se ne cronometra una: ognuna fa lo stesso lavoro

torch.set_num_threads(1)  # PyTorch su un core: il costo non dipende da quanti core ha la macchina
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


def few_shot(prompt, esempi):
    """Il prompt con gli esempi già risolti, nell'ordine dato, tra l'istruzione e il testo."""
    istruzione, domanda = prompt.split("\n", 1)  # domanda: "Testo: {testo}\nRisposta:"
    risolti = [domanda.format(testo=e["testo_it"]) + f" {e['etichetta']}" for e in esempi]
    return "\n".join([istruzione, *risolti, domanda])


def cronometra(funzione):
    """Il risultato di funzione() e i secondi che ha impiegato."""
    inizio = time.perf_counter()
    risultato = funzione()
    return risultato, time.perf_counter() - inizio


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = list(csv.DictReader(f))
sviluppo = [r for r in righe if r["parte"] == "sviluppo"]
test = [r for r in righe if r["parte"] == "test"]  # i testi su cui si misura il costo
testi_s, vere_s = [r["testo_it"] for r in sviluppo], [r["etichetta"] for r in sviluppo]
testi_t = [r["testo_it"] for r in test]

# Il primo insieme di esempi few-shot, estratto come nello snippet della prova (nessuna scelta)
rng = random.Random(0)
brevi = {c: [r for r in sviluppo if r["etichetta"] == c and len(r["testo_it"]) <= MAX_CARATTERI]
         for c in CLASSI}  # fmt: skip
scelti = {c: rng.sample(brevi[c], INSIEMI) for c in CLASSI}
esempi = [scelti[c][0] for c in CLASSI]
rng.shuffle(esempi)
classifica(testi_s[:8])  # riscaldamento: la prima generazione paga costi che non si ripetono

# Ogni metodo classifica tutti i testi di test; qui conta solo quanto ci mette
secondi = {}  # nome -> secondi per tutti i testi di test
maggioritaria = DummyClassifier(strategy="most_frequent").fit(testi_s, vere_s)
_, secondi["classe maggioritaria"] = cronometra(lambda: maggioritaria.predict(testi_t))
tfidf = make_pipeline(
    TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1),
    LogisticRegression(max_iter=1000),
)
_, addestramento_tfidf = cronometra(lambda: tfidf.fit(testi_s, vere_s))
_, secondi["TF-IDF + reg. logistica"] = cronometra(lambda: tfidf.predict(testi_t))
_, secondi["zero-shot (generazione)"] = cronometra(lambda: classifica(testi_t))
for nome, etichette in CANDIDATE.items():  # le due liste di parole: la prova ne sceglie una
    stringhe = [etichette[c] for c in CLASSI]
    _, secondi[f"punteggio ({nome})"] = cronometra(lambda s=stringhe: punteggi(testi_t, s))
prompt = few_shot(PROMPT, esempi)
_, secondi["few-shot (insieme 1)"] = cronometra(lambda: classifica(testi_t, prompt=prompt))

torch.manual_seed(0)  # A parte da numeri casuali, B da zero; poi il dropout dell'addestramento
config = LoraConfig(
    r=8, lora_alpha=16, target_modules=["q", "v"], lora_dropout=0.0, task_type="SEQ_2_SEQ_LM"
)
model = get_peft_model(model, config)  # da qui classifica usa il modello con l'adattatore
ottimizzatore = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=LR)


def addestra_lora(epoche):
    """L'addestramento della prova sul test, per il numero di epoche dato."""
    ordinati = sorted(sviluppo, key=lambda r: (len(r["testo_it"]), r["id"]))
    batch_add = [ordinati[i : i + BATCH] for i in range(0, len(ordinati), BATCH)]
    mescola = random.Random(0)
    for _ in range(epoche):
        model.train()
        mescola.shuffle(batch_add)
        for batch in batch_add:
            ingresso = tokenizer(
                [PROMPT.format(testo=r["testo_it"]) for r in batch],
                return_tensors="pt",
                padding=True,
            ).to(device)
            bersaglio = tokenizer(
                [r["etichetta"] for r in batch], return_tensors="pt", padding=True
            )
            etichette = bersaglio.input_ids.masked_fill(bersaglio.attention_mask == 0, -100)
            perdita = model(**ingresso, labels=etichette.to(device)).loss
            ottimizzatore.zero_grad()
            perdita.backward()
            ottimizzatore.step()
    model.eval()


_, epoca_lora = cronometra(lambda: addestra_lora(MISURATE))
epoca_lora /= MISURATE  # secondi per epoca
_, secondi["LoRA (dopo 1 epoca)"] = cronometra(lambda: classifica(testi_t))

n = len(test)
print(f"dispositivo: {device}   thread: {torch.get_num_threads()}   testi di test: {n}")
print()
print(f"{'metodo':<25}{'testi/s':>9}{'s/1000':>9}")
for nome, s in secondi.items():
    al_secondo = n / s
    colonna = f"{al_secondo:>9.1f}" if al_secondo < 100 else f"{al_secondo:>9.0f}"
    print(f"{nome:<25}{colonna}{1000 * s / n:>9.2f}")
print(
    f"\naddestramento sullo sviluppo ({len(sviluppo)} testi): TF-IDF {addestramento_tfidf:.2f} s,"
)
print(
    f"LoRA {epoca_lora:.1f} s per epoca, circa {EPOCHE * epoca_lora:.0f} s per le {EPOCHE} epoche"
)

# La pagina cita questi valori, misurati: cambiano a ogni esecuzione e da macchina a macchina
costo = {m: 1000 * s / n for m, s in secondi.items()}  # secondi per 1000 testi
costo_punteggio = max(v for m, v in costo.items() if m.startswith("punteggio"))
lora_stimato = EPOCHE * epoca_lora
durata = time.perf_counter() - inizio_snippet
print(f"durata dello snippet: {durata:.0f} s")
