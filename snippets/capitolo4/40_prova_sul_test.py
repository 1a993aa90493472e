# La prova sul test: ogni metodo, scelto e addestrato sullo sviluppo, valutato una volta sul test.
import csv
import os
import pickle
import random
import re
import statistics

import numpy as np
import torch
from peft import LoraConfig, get_peft_model
from scipy.stats import binomtest
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import make_pipeline
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
INSIEMI, MAX_CARATTERI = 5, 120  # gli insiemi di esempi few-shot della pagina sui confronti
PROVATI = 3  # di quegli insiemi se ne provano tre, nel primo ordine: il few-shot costa
EPOCHE, BATCH, LR = 3, 16, 1e-3  # LoRA, come nella pagina sui confronti

torch.set_num_threads(1)  # un core, come nello snippet dei costi: gli stessi conti su ogni macchina
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


def few_shot(prompt, esempi):
    """Il prompt con gli esempi già risolti, nell'ordine dato, tra l'istruzione e il testo."""
    istruzione, domanda = prompt.split("\n", 1)  # domanda: "Testo: {testo}\nRisposta:"
    risolti = [domanda.format(testo=e["testo_it"]) + f" {e['etichetta']}" for e in esempi]
    return "\n".join([istruzione, *risolti, domanda])


def byte_parametri(modello):
    return sum(p.numel() * p.element_size() for p in modello.parameters())


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = list(csv.DictReader(f))
sviluppo = [r for r in righe if r["parte"] == "sviluppo"]
test = [r for r in righe if r["parte"] == "test"]  # l'unica pagina che lo legge
assert sviluppo and test and not {r["id"] for r in sviluppo} & {r["id"] for r in test}
testi_s, vere_s = [r["testo_it"] for r in sviluppo], [r["etichetta"] for r in sviluppo]
testi_t, vere_t = [r["testo_it"] for r in test], [r["etichetta"] for r in test]

# 1. Le scelte, tutte sullo sviluppo e con le regole delle pagine che le hanno introdotte
parole = [p for c in CANDIDATE.values() for p in c.values()]
scelta, colonne = scegli_etichette(punteggi(testi_s, parole), vere_s)
ETICHETTE = CANDIDATE[scelta]
soglia = float(np.quantile(torch.softmax(colonne, dim=1).max(dim=1).values, 1 - COPERTURA))
rng = random.Random(0)  # gli esempi few-shot, estratti come nella pagina sui confronti
brevi = {c: [r for r in sviluppo if r["etichetta"] == c and len(r["testo_it"]) <= MAX_CARATTERI]
         for c in CLASSI}  # fmt: skip
scelti = {c: rng.sample(brevi[c], INSIEMI) for c in CLASSI}
insiemi = []
for k in range(PROVATI):
    esempi = [scelti[c][k] for c in CLASSI]
    rng.shuffle(esempi)
    insiemi.append(esempi)

# 2. Ogni metodo sul test, una volta: etichette previste e byte da tenere in memoria
metodi = {}  # nome -> (etichette previste sul test, byte)
maggioritaria = DummyClassifier(strategy="most_frequent").fit(testi_s, vere_s)
previste = [str(e) for e in maggioritaria.predict(testi_t)]
metodi["classe maggioritaria"] = (previste, len(pickle.dumps(maggioritaria)))
tfidf = make_pipeline(
    TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1),
    LogisticRegression(max_iter=1000),
)
tfidf.fit(testi_s, vere_s)
previste = [str(e) for e in tfidf.predict(testi_t)]
metodi["TF-IDF + reg. logistica"] = (previste, len(pickle.dumps(tfidf)))
metodi["zero-shot (generazione)"] = (classifica(testi_t), byte_parametri(model))
stringhe = [ETICHETTE[c] for c in CLASSI]
prob_t = torch.softmax(punteggi(testi_t, stringhe), dim=1)
previste_punteggio = [CLASSI[i] for i in prob_t.argmax(dim=1).tolist()]
metodi["zero-shot (punteggio)"] = (previste_punteggio, byte_parametri(model))
accuratezze_few = []
for numero, esempi in enumerate(insiemi, start=1):
    previste = classifica(testi_t, prompt=few_shot(PROMPT, esempi))
    accuratezze_few.append(accuracy_score(vere_t, previste))
    if numero == 1:  # il primo insieme rappresenta il few-shot nei confronti appaiati
        metodi["few-shot (insieme 1)"] = (previste, byte_parametri(model))

torch.manual_seed(0)  # A parte da numeri casuali, B da zero; poi il dropout dell'addestramento
config = LoraConfig(
    r=8, lora_alpha=16, target_modules=["q", "v"], lora_dropout=0.0, task_type="SEQ_2_SEQ_LM"
)
model = get_peft_model(model, config)  # da qui classifica usa il modello con l'adattatore
ottimizzatore = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=LR)


def addestra_lora():
    """Come nella pagina sui confronti, ma su tutto lo sviluppo: batch di testi di lunghezza
    simile, in un ordine diverso a ogni epoca; la risposta da imparare è l'etichetta."""
    ordinati = sorted(sviluppo, key=lambda r: (len(r["testo_it"]), r["id"]))
    batch_add = [ordinati[i : i + BATCH] for i in range(0, len(ordinati), BATCH)]
    mescola = random.Random(0)
    for _ in range(EPOCHE):
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


addestra_lora()
metodi["LoRA"] = (classifica(testi_t), byte_parametri(model))

# 3. Le misure: accuratezza con intervallo, macro-F1, memoria e confronti appaiati sul test


def wilson(giusti, n, z=1.96):
    """Intervallo di Wilson al 95% per una proporzione giusti/n."""
    p = giusti / n
    centro = (p + z * z / (2 * n)) / (1 + z * z / n)
    margine = z * (p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5 / (1 + z * z / n)
    return centro - margine, centro + margine


def mcnemar(a, b):
    """Valore p del test di McNemar esatto: binomiale bilaterale sui testi discordanti."""
    solo_a = sum(x == v != y for x, y, v in zip(a, b, vere_t))  # giusti solo con a
    solo_b = sum(y == v != x for x, y, v in zip(a, b, vere_t))  # giusti solo con b
    return binomtest(solo_a, solo_a + solo_b, 0.5).pvalue if solo_a + solo_b else 1.0


def scrivi_p(p):
    """Il valore p con quattro decimali: con tre, 0,0496 diventerebbe 0,050."""
    return "<0.0001" if p < 0.0001 else f"{p:.4f}"


def riga(nome, vere, previste, byte=0, p=""):
    """Una riga della tabella: accuratezza, intervallo di Wilson, macro-F1, byte, valore p."""
    giusti = sum(v == x for v, x in zip(vere, previste))
    basso, alto = wilson(giusti, len(vere))
    f1 = f1_score(vere, previste, labels=CLASSI, average="macro", zero_division=0)
    testo = f"{nome:<25}{giusti / len(vere):>6.3f}{basso:>8.3f}-{alto:.3f}{f1:>9.3f}"
    print((testo + f"{byte / 1e6:>9.2f}{p:>10}").rstrip())


n = len(test)
accuratezza = {m: accuracy_score(vere_t, v[0]) for m, v in metodi.items()}
migliore = max(accuratezza, key=accuratezza.get)  # a pari merito, il primo della tabella
p_mcnemar = {m: mcnemar(metodi[migliore][0], v[0]) for m, v in metodi.items() if m != migliore}
tenuti = [i for i, c in enumerate(prob_t.max(dim=1).values.tolist()) if c >= soglia]
copertura_test = len(tenuti) / n  # la soglia dello sviluppo, applicata com'è
print(f"dispositivo: {device}   testi: {len(sviluppo)} di sviluppo, {n} di test")
print(f"parole delle etichette scelte sullo sviluppo: {scelta}   soglia: {soglia:.3f}")
print()
print(f"{'metodo':<25}{'acc.':>6}{'IC 95%':>14}{'macro-F1':>9}{'MB':>9}{'p':>10}")
for nome, (previste, byte) in metodi.items():
    p = "migliore" if nome == migliore else scrivi_p(p_mcnemar[nome])
    riga(nome, vere_t, previste, byte, p)
    if nome == "zero-shot (punteggio)" and tenuti:
        vere_tenuti = [vere_t[i] for i in tenuti]
        riga("  con astensione", vere_tenuti, [previste[i] for i in tenuti], byte)
    if nome == "few-shot (insieme 1)":
        media_few, sd_few = statistics.mean(accuratezze_few), statistics.stdev(accuratezze_few)
        print(f"{f'  media di {PROVATI} insiemi':<25}{media_few:>6.3f}{f'sd {sd_few:.3f}':>14}")
print(f"\ncon astensione: risponde su {len(tenuti)} testi su {n} (copertura {copertura_test:.3f})")
print(f"media di {PROVATI} insiemi: media e deviazione standard delle accuratezze few-shot")
print("p: test di McNemar esatto tra il migliore e ciascun metodo, sugli stessi testi")

# 4. Famiglie di fenomeni: dove sbagliano il metodo migliore e la generazione zero-shot
print(f"\n{'fenomeno':<20}{'testi':>6}{migliore[:24]:>26}{'zero-shot (generazione)':>26}")
per_fenomeno = {}
for fenomeno in sorted({r["fenomeno"] for r in test}):
    indici = [i for i, r in enumerate(test) if r["fenomeno"] == fenomeno]
    acc = [
        sum(metodi[m][0][i] == vere_t[i] for i in indici) / len(indici)
        for m in (migliore, "zero-shot (generazione)")
    ]
    per_fenomeno[fenomeno] = acc
    print(f"{fenomeno:<20}{len(indici):>6}{acc[0]:>26.3f}{acc[1]:>26.3f}")

# La pagina cita questi valori (nessun tempo: l'output è lo stesso a ogni esecuzione)
n_sviluppo, n_test = len(sviluppo), n
classe_maggioritaria = f"«{metodi['classe maggioritaria'][0][0]}»"
acc_migliore = accuratezza[migliore]
pari = [f"«{m}»" for m in p_mcnemar if accuratezza[m] == acc_migliore]  # stessa accuratezza
migliore_scritto = f"«{migliore}»" + (f" (a pari merito con {', '.join(pari)})" if pari else "")
ic_basso, ic_alto = wilson(round(acc_migliore * n), n)
secondo = max(p_mcnemar, key=lambda m: accuratezza[m])  # il più accurato dopo il migliore
secondo_scritto = f"«{secondo}»"
p_secondo = p_mcnemar[secondo]
p_secondo_scritto = (
    "sotto 0,0001" if p_secondo < 0.0001 else f"di {p_secondo:.4f}".replace(".", ",")
)
distinguibile_dal_secondo = p_secondo < 0.05
n_confronti = len(p_mcnemar)
sotto_5 = [f"«{m}»" for m, p in p_mcnemar.items() if p < 0.05] or "nessuno"
soglia_bonferroni = 0.05 / n_confronti
sotto_bonferroni = [f"«{m}»" for m, p in p_mcnemar.items() if p < soglia_bonferroni] or "nessuno"
non_distinti = [f"«{m}»" for m, p in p_mcnemar.items() if p >= 0.05] or "nessuno"
minimo = min(a[0] for a in per_fenomeno.values())
difficili_migliore = [f"«{f}»" for f, a in per_fenomeno.items() if a[0] == minimo]
minimo_generazione = min(a[1] for a in per_fenomeno.values())
difficili_generazione = [f"«{f}»" for f, a in per_fenomeno.items() if a[1] == minimo_generazione]
testi_famiglia_min = min(sum(r["fenomeno"] == f for r in test) for f in per_fenomeno)
punti_per_errore = 100 / testi_famiglia_min  # punti di accuratezza che vale un testo lì
