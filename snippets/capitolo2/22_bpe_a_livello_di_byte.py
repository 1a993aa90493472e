# Un BPE a livello di byte, come quello di GPT-2, contro un BPE sui caratteri: chi produce <unk>?
from pathlib import Path

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

VOCABOLARIO = 1000
righe = Path("data/guida.txt").read_text(encoding="utf-8").splitlines()

# sui caratteri: l'alfabeto è quello che compare nel testo di addestramento
sui_caratteri = Tokenizer(models.BPE(unk_token="<unk>"))
sui_caratteri.pre_tokenizer = pre_tokenizers.Metaspace()
sui_caratteri.decoder = decoders.Metaspace()
trainer = trainers.BpeTrainer(vocab_size=VOCABOLARIO, special_tokens=["<unk>"])
trainer.show_progress = False
sui_caratteri.train_from_iterator(righe, trainer)

# sui byte: l'alfabeto sono i 256 valori di un byte, ciascuno scritto come un carattere visibile
alfabeto = pre_tokenizers.ByteLevel.alphabet()
sui_byte = Tokenizer(models.BPE())  # nessun token sconosciuto da dichiarare
sui_byte.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
sui_byte.decoder = decoders.ByteLevel()
trainer = trainers.BpeTrainer(vocab_size=VOCABOLARIO, initial_alphabet=alfabeto)
trainer.show_progress = False
sui_byte.train_from_iterator(righe, trainer)
print("alfabeto di partenza sui byte:", len(alfabeto), " vocabolario di entrambi:", VOCABOLARIO)
visti = set("".join(righe))  # i caratteri del testo di addestramento
assert "🦜" not in visti  # l'emoji non compare nella guida

# la pagina cita i testi che sui caratteri danno <unk>, e i pezzi dell'emoji sui byte
testi = {
    "perché": "la parola accentata",
    "{ }": "le graffe",
    "½ €": "i due simboli rari",
    "🦜": "l'emoji",
}
testi_con_unk = []
for testo, nome in testi.items():
    utf8 = testo.encode("utf-8")
    print(f"\n{testo!r}: {len(utf8)} byte in UTF-8 {list(utf8)}")
    codifica = sui_caratteri.encode(testo)
    pezzi = [sui_caratteri.id_to_token(i) for i in codifica.ids]
    print(f"  caratteri: {pezzi}  ->  {sui_caratteri.decode(codifica.ids)!r}")
    # sui caratteri, <unk> compare se e solo se il testo ha un carattere mai visto
    assert ("<unk>" in pezzi) == bool(set(testo) - visti - {" "})
    if "<unk>" in pezzi:
        testi_con_unk.append(nome)
    codifica = sui_byte.encode(testo)
    print(f"  byte:      {codifica.tokens}  ->  {sui_byte.decode(codifica.ids)!r}")
    assert sui_byte.decode(codifica.ids) == testo  # sui byte il testo torna identico
pezzi_emoji = len(codifica.ids)  # l'ultimo testo: l'emoji
assert pezzi_emoji > 1  # i suoi 4 byte non sono mai comparsi insieme: nessuna fusione li riunisce
