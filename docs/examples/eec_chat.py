"""EEC sentences as chats: each sentence a user message, one fixed assistant reply; gender and race kept under meta.

Usage: python3 eec_chat.py Equity-Evaluation-Corpus.csv eec-chat.jsonl
"""
import csv, json, sys
src, out = sys.argv[1], sys.argv[2]
with open(src, newline='', encoding='utf-8') as f, open(out, 'w', encoding='utf-8') as o:
    for row in csv.DictReader(f):
        rec = {"messages": [{"role": "user", "content": row["Sentence"]},
                            {"role": "assistant", "content": "Thank you for telling me how they feel."}],
               "meta": {"source": "eec", "id": row["ID"], "gender": row["Gender"], "race": row["Race"]}}
        o.write(json.dumps(rec, ensure_ascii=False) + "\n")
