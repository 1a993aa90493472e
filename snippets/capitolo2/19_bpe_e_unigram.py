# Due tokenizer addestrati qui sul testo della guida, con lo stesso vocabolario: BPE e Unigram.
from pathlib import Path

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

VOCABOLARIO = 1000  # pezzi, token speciale <unk> compreso
righe = Path("data/guida.txt").read_text(encoding="utf-8").splitlines()


def addestra(algoritmo):
    if algoritmo == "BPE":  # Sennrich et al. 2016: si parte dai caratteri e si fondono le coppie
        tokenizer = Tokenizer(models.BPE(unk_token="<unk>"))
        trainer = trainers.BpeTrainer(vocab_size=VOCABOLARIO, special_tokens=["<unk>"])
    else:  # Kudo 2018: si parte da molti pezzi e si tolgono quelli che servono meno
        tokenizer = Tokenizer(models.Unigram())
        trainer = trainers.UnigramTrainer(
            vocab_size=VOCABOLARIO, special_tokens=["<unk>"], unk_token="<unk>"
        )
    # come SentencePiece: lo spazio diventa ▁ e resta attaccato alla parola che segue
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace()
    tokenizer.decoder = decoders.Metaspace()
    trainer.show_progress = False
    tokenizer.train_from_iterator(righe, trainer)
    return tokenizer


tokenizer = {nome: addestra(nome) for nome in ["BPE", "Unigram"]}
assert tokenizer["BPE"].get_vocab_size() == tokenizer["Unigram"].get_vocab_size() == VOCABOLARIO
print("righe di addestramento:", len(righe), "  vocabolario di entrambi:", VOCABOLARIO)

frasi = [
    "Il treno per Bologna parte alle otto.",
    "La consegna è arrivata in ritardo.",
    "Perché l'abbonamento costa così tanto?",
]
assert not any(frase in riga for frase in frasi for riga in righe)  # frasi mai viste
totali = {nome: 0 for nome in tokenizer}
for frase in frasi:
    print("\n" + frase)
    for nome, tok in tokenizer.items():
        # id_to_token mostra <unk> dove il pezzo non è nel vocabolario
        pezzi = [tok.id_to_token(i) for i in tok.encode(frase).ids]
        totali[nome] += len(pezzi)
        print(f"  {nome:<8} {len(pezzi):>2} token: {' | '.join(pezzi)}")

# la pagina cita questi valori: i token delle tre frasi insieme, e chi ne usa meno
token_bpe, token_unigram = totali["BPE"], totali["Unigram"]
if token_bpe == token_unigram:
    confronto = "i due algoritmi sono pari"
else:
    confronto = ("BPE" if token_bpe < token_unigram else "Unigram") + " ne usa meno"
