# Il punteggio di un'etichetta: la log-probabilità dei suoi token dopo il prompt, e la softmax.
import csv
import os

import torch
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


# Prima le parole, da sole: quanti token sono per il tokenizer del modello?
parole = [p for c in CANDIDATE.values() for p in c.values()]
print("parola     token  pezzi")
for p in parole:
    ids = tokenizer(p).input_ids
    print(f"{p:<10} {len(ids):>5}  {' '.join(tokenizer.convert_ids_to_tokens(ids))}")

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
# Due testi: il primo positivo e il primo negativo del file
esempi = [next(r for r in righe if r["etichetta"] == c) for c in ("positivo", "negativo")]

a_mano = torch.zeros(len(esempi), len(parole))
for i, r in enumerate(esempi):
    breve = r["testo_it"] if len(r["testo_it"]) <= 70 else r["testo_it"][:70] + "…"
    print(f"\n{r['id']} (etichetta vera: {r['etichetta']}): {breve}")
    print(f"{'parola':<10} {'log p di ogni token':<34} {'somma':>8} {'media':>8}")
    ingresso = tokenizer(PROMPT.format(testo=r["testo_it"]), return_tensors="pt").to(device)
    for j, p in enumerate(parole):
        ids = torch.tensor([tokenizer(p).input_ids], device=device)
        with torch.inference_mode():  # come nel capitolo 3: labels= e log-softmax sui logit
            logit = model(**ingresso, labels=ids).logits.float()
        log_p = torch.log_softmax(logit[0], dim=-1)[torch.arange(ids.shape[1]), ids[0]]
        a_mano[i, j] = log_p.sum().item()
        colonna = " ".join(f"{x:7.3f}" for x in log_p.tolist())
        print(f"{p:<10} {colonna:<34} {log_p.sum():8.3f} {log_p.mean():8.3f}")
    for k, (nome, c) in enumerate(CANDIDATE.items()):
        prob = torch.softmax(a_mano[i, 3 * k : 3 * k + 3], dim=0)  # le tre parole di una lista
        assert abs(prob.sum().item() - 1) < 1e-6  # tre probabilità che sommano a 1
        elenco = "  ".join(f"{p} {q:.3f}" for p, q in zip(c.values(), prob.tolist()))
        print(f"softmax delle somme, parole {nome}: {elenco}")

# La funzione punteggi fa lo stesso conto in batch, con le parole allungate a -100.
# In float32 i due conti coincidono fino alla terza cifra decimale; in bfloat16, che ha
# circa tre cifre significative, serve un margine più largo
in_batch = punteggi([r["testo_it"] for r in esempi], parole)
tolleranza = 1e-3 if dtype == torch.float32 else 5e-2
uguali = torch.allclose(a_mano, in_batch, rtol=tolleranza, atol=tolleranza)
print(f"\nstessi numeri con punteggi(), in batch: {uguali}")
assert uguali

# La pagina cita questi valori: i token di ogni parola, e se nelle due liste sono pari
token_per_parola = [f"«{p}» {len(tokenizer(p).input_ids)}" for p in parole]
lunghezze = {n: {len(tokenizer(p).input_ids) for p in c.values()} for n, c in CANDIDATE.items()}
pari_italiane, pari_inglesi = len(lunghezze["italiane"]) == 1, len(lunghezze["inglesi"]) == 1
