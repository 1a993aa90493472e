# Il classificatore da portare via: classifica(testi) dà etichetta e probabilità, o «astenuto».
# Salvalo come classificatore.py nella cartella che contiene data/ e usalo da un altro script:
#     from classificatore import classifica
# Due scelte dipendono dal modello: le parole su cui si dà il punteggio e la soglia sotto cui
# il classificatore si astiene. Questo file le rifà all'avvio sui soli testi di sviluppo, con le
# regole delle pagine sui punteggi e sulla calibrazione. Se le scrivi come costanti, rifalle sui
# dati di sviluppo ogni volta che cambi modello (o prompt): una soglia non vale per un altro.
import csv
import os

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
MAX_TOKEN = 512  # la lunghezza delle sequenze con cui T5 è stato pre-addestrato
DATI = "data/sentiment.csv"  # se ne leggono solo le righe di sviluppo

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


def tara(percorso):
    """Le parole e la soglia, scelte sui testi di sviluppo con le regole delle due pagine."""
    with open(percorso, encoding="utf-8", newline="") as f:
        righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
    parole = [p for c in CANDIDATE.values() for p in c.values()]
    tutti = punteggi([r["testo_it"] for r in righe], parole)
    scelta, colonne = scegli_etichette(tutti, [r["etichetta"] for r in righe])
    confidenza = torch.softmax(colonne, dim=1).max(dim=1).values
    return scelta, CANDIDATE[scelta], float(np.quantile(confidenza, 1 - COPERTURA))


SCELTA, ETICHETTE, SOGLIA = tara(DATI)


def accorcia(testo):
    """Il testo, accorciato se il prompt supera MAX_TOKEN, e se lo è stato. Si tiene la fine,
    parola per parola: è una scelta, che scommette su un verdetto scritto in fondo."""

    def entra(t):
        return len(tokenizer(PROMPT.format(testo=t)).input_ids) <= MAX_TOKEN

    if entra(testo):
        return testo, False
    parole = testo.split()
    dentro, fuori = 0, len(parole)  # le ultime `dentro` parole entrano, le ultime `fuori` no
    while fuori - dentro > 1:  # ricerca binaria: poche tokenizzazioni anche per testi enormi
        meta = (dentro + fuori) // 2
        dentro, fuori = (meta, fuori) if entra(" ".join(parole[-meta:])) else (dentro, meta)
    return " ".join(parole[len(parole) - dentro :]), True


def classifica(testi, batch_size=16):
    """Per ogni testo un dizionario: etichetta (una classe o «astenuto»), probabilità per
    classe, se il testo è stato accorciato e, quando si astiene, perché."""
    if isinstance(testi, str):
        raise TypeError("classifica vuole una lista di testi: classifica([testo])")
    pronti = {i: accorcia(t) for i, t in enumerate(testi) if t.strip()}  # i vuoti restano fuori
    pronti = {i: (t, tagliato) for i, (t, tagliato) in pronti.items() if t}
    stringhe = [ETICHETTE[c] for c in CLASSI]
    prob = {}
    if pronti:
        tutte = torch.softmax(punteggi([t for t, _ in pronti.values()], stringhe, batch_size), 1)
        prob = dict(zip(pronti, tutte.tolist()))
    risultati = []
    for i, testo in enumerate(testi):
        if i in pronti:
            p = prob[i]
            sicuro = max(p) >= SOGLIA
            r = {
                "etichetta": CLASSI[int(np.argmax(p))] if sicuro else "astenuto",
                "probabilita": dict(zip(CLASSI, p)),
                "troncato": pronti[i][1],
                "motivo": None if sicuro else "sotto la soglia",
            }
        else:  # vuoto, o con un'ultima parola che da sola supera il limite
            lungo = bool(testo.strip())
            motivo = "troppo lungo" if lungo else "vuoto"
            r = {"etichetta": "astenuto", "probabilita": {}, "troncato": lungo, "motivo": motivo}
        risultati.append(r)
    return risultati


# Una prova su quattro testi scritti qui: non vengono dal data set
descrizione = "La lavatrice ha dieci programmi, un oblò grande e un display con il timer. "
prova = [
    "La cena era squisita e il personale gentilissimo: torneremo presto.",
    "Il pacco è arrivato con due settimane di ritardo e la scatola era rotta.",
    "   ",
    descrizione * 60 + "Peccato che dopo un mese perda acqua: soldi buttati.",
]
risultati = classifica(prova)
print(f"scelte sui testi di sviluppo: parole {SCELTA}, soglia {SOGLIA:.3f}\n")
print(f"{'testo':<34}{'etichetta':<11}{'positivo':>9}{'negativo':>9}{'neutro':>8}  note")
for testo, r in zip(prova, risultati):
    breve = testo.strip() or "(vuoto)"
    breve = breve if len(breve) <= 32 else breve[:31] + "…"
    p = [f"{r['probabilita'][c]:.3f}" if r["probabilita"] else "-" for c in CLASSI]
    note = ", ".join(([r["motivo"]] if r["motivo"] else []) + (["troncato"] * r["troncato"]))
    print(f"{breve:<34}{r['etichetta']:<11}{p[0]:>9}{p[1]:>9}{p[2]:>8}  {note}".rstrip())

# Le garanzie che la pagina descrive: il vuoto non arriva al modello, il lungo perde l'inizio
# e il prompt accorciato sta nel limite, con la domanda finale
vuoto = {"etichetta": "astenuto", "probabilita": {}, "troncato": False, "motivo": "vuoto"}
assert risultati[2] == vuoto
accorciato, tagliato = accorcia(prova[3])
assert tagliato and risultati[3]["troncato"] and not risultati[0]["troncato"]
assert prova[3].endswith(accorciato) and accorciato.endswith("soldi buttati.")
ids = tokenizer(PROMPT.format(testo=accorciato)).input_ids
assert len(ids) <= MAX_TOKEN and tokenizer.decode(ids, skip_special_tokens=True).endswith(
    "Risposta:"
)
for r in risultati[:2] + risultati[3:]:
    assert abs(sum(r["probabilita"].values()) - 1) < 1e-5
try:  # una stringa sola invece di una lista: un errore, non una lettera alla volta
    classifica("Ottimo!")
    stringa_rifiutata = False
except TypeError:
    stringa_rifiutata = True
assert stringa_rifiutata
etichetta_lungo = risultati[3]["etichetta"]  # citati nella pagina, con SCELTA e SOGLIA
parole_tenute, parole_intere = len(accorciato.split()), len(prova[3].split())
soglia, scelta = SOGLIA, SCELTA
