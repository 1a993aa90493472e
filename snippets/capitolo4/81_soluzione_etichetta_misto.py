# Esercizio: una quarta parola, «misto», tra quelle a cui si dà il punteggio. Che cosa succede?
import csv
import os

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


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
vere = [r["etichetta"] for r in righe]
parole = [p for c in CANDIDATE.values() for p in c.values()]
QUARTA = {"italiane": "misto", "inglesi": "mixed"}  # la quarta parola, nella stessa lingua
tutti = punteggi([r["testo_it"] for r in righe], parole + list(QUARTA.values()))
scelta, colonne = scegli_etichette(tutti[:, :6], vere)  # la scelta sulle tre classi, come prima
ETICHETTE = CANDIDATE[scelta]
quarta = tutti[:, 6 + list(QUARTA).index(scelta)]
con_quattro = torch.cat([colonne, quarta[:, None]], dim=1)  # (testi, 4)
prob4 = torch.softmax(con_quattro, dim=1)
assert torch.allclose(prob4.sum(dim=1), torch.ones(len(righe)))

tre = [CLASSI[i] for i in colonne.argmax(dim=1).tolist()]
quattro = [(CLASSI + ["misto"])[i] for i in con_quattro.argmax(dim=1).tolist()]
print(f"testi di sviluppo: {len(righe)}; parole {scelta} più «{QUARTA[scelta]}»")
print(f"{'parole':<10}{'accuratezza':>12}{'macro-F1':>10}   previsti pos/neg/neu/misto")
for nome, previste in (("tre", tre), ("quattro", quattro)):
    acc = accuracy_score(vere, previste)
    f1 = f1_score(vere, previste, labels=CLASSI, average="macro", zero_division=0)
    quanti = "/".join(str(previste.count(k)) for k in CLASSI + ["misto"])
    print(f"{nome:<10}{acc:>12.3f}{f1:>10.3f}   {quanti}")

# Dove va «misto»: solo sui testi in cui vince, e che cosa costa
vince_misto = [i for i, p in enumerate(quattro) if p == "misto"]
persi = sum(tre[i] == vere[i] for i in vince_misto)  # giusti con tre parole, ora sbagliati
segnati_misti = sum(righe[i]["fenomeno"] == "misto" for i in vince_misto)
cambiati = sum(a != b for a, b in zip(tre, quattro))
assert cambiati == len(vince_misto)  # una quarta colonna toglie testi solo a favore di sé
print(
    f"\ntesti in cui vince «{QUARTA[scelta]}»: {len(vince_misto)}; di questi, giusti con tre "
    f"parole: {persi}; segnati come misti nel file: {segnati_misti}"
)
print(f"probabilità media data a «{QUARTA[scelta]}»: {prob4[:, 3].mean():.3f}")

# La pagina cita questi valori
n_misto, quarta_parola = len(vince_misto), QUARTA[scelta]
prob_misto = float(prob4[:, 3].mean())
