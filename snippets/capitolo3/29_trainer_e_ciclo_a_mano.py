# Lo stesso addestramento due volte: con Seq2SeqTrainer e con un ciclo a mano che ne copia le scelte
import csv
import os
import tempfile

import torch
from datasets import Dataset
from transformers import (
    AutoModelForSeq2SeqLM,
    AutoTokenizer,
    DataCollatorForSeq2Seq,
    PrinterCallback,
    Seq2SeqTrainer,
    Seq2SeqTrainingArguments,
    get_linear_schedule_with_warmup,
)

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)

with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
per_id = {r["id"]: r for r in righe}
ordine = ("s002", "s003", "s001", "s005", "s004", "s009", "s007", "s015", "s011")  # come nel ciclo
testi = [f"Recensione: {per_id[i]['testo_it']}\nSentiment:" for i in ordine]
etichette = [per_id[i]["etichetta"] for i in ordine]


def nuovo_modello():  # dropout spento: le due strade devono fare esattamente gli stessi conti
    return AutoModelForSeq2SeqLM.from_pretrained(MODEL, dropout_rate=0.0)


# 1. Il Trainer: i dati in un Dataset, i suoi valori predefiniti per tutto il resto.
dati = Dataset.from_dict({"testo": testi, "etichetta": etichette})
dati = dati.map(
    lambda e: {**tokenizer(e["testo"]), "labels": tokenizer(e["etichetta"]).input_ids},
    remove_columns=["testo", "etichetta"],
)
with tempfile.TemporaryDirectory() as cartella:
    args = Seq2SeqTrainingArguments(
        output_dir=cartella, per_device_train_batch_size=3, num_train_epochs=3, logging_steps=1,
        train_sampling_strategy="sequential", seed=0, report_to="none", save_strategy="no",
        use_cpu=True, dataloader_num_workers=0, disable_tqdm=True,
    )  # fmt: skip
    trainer = Seq2SeqTrainer(
        model=nuovo_modello(), args=args, train_dataset=dati, processing_class=tokenizer,
        data_collator=DataCollatorForSeq2Seq(tokenizer),  # riempie le etichette con -100
    )  # fmt: skip
    trainer.remove_callback(PrinterCallback)  # stamperebbe anche i tempi: la tabella è nostra
    trainer.train()
registro = [r for r in trainer.state.log_history if "loss" in r]
del trainer

# 2. Il ciclo a mano, con le scelte predefinite del Trainer scritte per esteso.
predefiniti = {
    "learning_rate": 5e-5, "optim": "adamw_torch_fused", "weight_decay": 0.0,
    "lr_scheduler_type": "linear", "warmup_steps": 0, "max_grad_norm": 1.0,
}  # fmt: skip
for nome, valore in predefiniti.items():  # se una versione nuova li cambia, lo snippet si ferma
    assert getattr(getattr(args, nome), "value", getattr(args, nome)) == valore, nome
model = nuovo_modello()
model.train()
ottimizzatore = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.0, fused=True)
# beta ed epsilon di AdamW: quelli del Trainer sono gli stessi predefiniti di PyTorch
assert ((args.adam_beta1, args.adam_beta2), args.adam_epsilon) == (
    ottimizzatore.defaults["betas"], ottimizzatore.defaults["eps"])  # fmt: skip
programma = get_linear_schedule_with_warmup(ottimizzatore, num_warmup_steps=0, num_training_steps=9)
a_mano = []
for passo in range(9):  # 3 epoche da 3 batch, nello stesso ordine del Trainer
    da = (passo * 3) % 9
    ingresso = tokenizer(testi[da : da + 3], return_tensors="pt", padding=True)
    bersaglio = tokenizer(etichette[da : da + 3], return_tensors="pt", padding=True)
    bersaglio = bersaglio.input_ids.masked_fill(bersaglio.attention_mask == 0, -100)
    perdita = model(**ingresso, labels=bersaglio).loss
    perdita.backward()
    # il taglio del gradiente: restituisce la norma di prima del taglio, come la registra il Trainer
    norma = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    a_mano.append((perdita.item(), programma.get_last_lr()[0], norma.item()))
    ottimizzatore.step()
    programma.step()
    ottimizzatore.zero_grad()

print("scelte predefinite del Trainer:", ", ".join(f"{n}={v}" for n, v in predefiniti.items()))
print(f"\n{'passo':>5}  {'Trainer':>8}  {'a mano':>8}  {'learning rate':>13}  norma gradiente")
for r, (p, lr, n) in zip(registro, a_mano):
    print(f"{r['step']:>5}  {r['loss']:>8.4f}  {p:>8.4f}  {lr:>13.3e}  {n:>15.4f}")
TOLLERANZA = 1e-4
differenza = max(abs(r["loss"] - p) for r, (p, _, _) in zip(registro, a_mano))
assert len(registro) == len(a_mano) == 9
assert all(abs(r["learning_rate"] - lr) < 1e-15 for r, (_, lr, _) in zip(registro, a_mano))
assert all(abs(r["grad_norm"] - n) <= TOLLERANZA * n for r, (_, _, n) in zip(registro, a_mano))
assert differenza < TOLLERANZA
print(f"\nstesse perdite (entro {TOLLERANZA}), stessi learning rate e norme del gradiente: sì")
print(f"differenza massima: {differenza:.1e}")

# la pagina cita questi valori: se le perdite coincidono bit per bit, il learning rate
# dell'ultimo passo come frazione di quello iniziale (la discesa lineare non arriva a zero) e
# in quanti passi il taglio ha accorciato il gradiente
identiche = differenza == 0.0
quota_ultimo_passo = a_mano[-1][1] / 5e-5
passi_tagliati = sum(n > 1.0 for _, _, n in a_mano)
