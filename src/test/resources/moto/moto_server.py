"""moto_server as the tests and the local run use it: `python3 moto_server.py -H 127.0.0.1 -p PORT` (started by
MotoServer.java for the tests, by infra/local/run.sh for `bash infra/local/run.sh`).

Two changes to moto 5's DynamoDB, neither of which alters what a request answers:

1. One request at a time. moto's DynamoDB is not safe for concurrent requests: TransactWriteItems copies a table
   while other request threads change it ("RuntimeError: dictionary changed size during iteration", HTTP 500), which
   real DynamoDB never does. Requests are still accepted concurrently (keep-alive connections, threaded server) but
   handled one at a time, as moto's GIL-bound handlers nearly are anyway.

2. TransactWriteItems undoes by item, not by table. moto backs up every table a transaction names with
   copy.deepcopy before applying it, so each transaction costs time and memory in proportion to the whole table:
   17 ms per commit on a small table, and a backfill of 1,000 customers grew moto to 14.5 GB and timed out its answers.
   Real DynamoDB's cost does not depend on the table's size. Here the items the transaction names are copied instead
   and put back if it is cancelled, which is the same all-or-nothing answer because (1) lets no other request in
   between. When moto's internals are not the ones this was written for, the patch is left out and says so.

3. Query reads the partition, not the table. moto's Table.query walks and sorts every item of the table
   (`all_items()`) for each request, so a Query returning one item cost ~0.3 s on a table of 60,000 items, which
   real DynamoDB (cost per item read) never does. A table Query now walks only its partition's items; an index
   Query still walks every item, unsorted (moto sorts the matches itself afterwards). Same answers: moto filters and
   sorts what it is given exactly as before. MVSYNC_MOTO_FULL_WALK=1 leaves moto's walk as it is (for measuring it).

4. An index Query reads its index partition. The items of a global secondary index are grouped by the index's hash
   key once, and the groups reused until the next request that may write (every request but a read: Query, GetItem,
   BatchGetItem, Scan, Describe*, List*); an index Query walks only its group. Same answers: the group holds exactly
   the items moto's own walk keeps for that hash key, and moto filters and sorts them as before. (1) makes the
   "until the next write" exact. Off with MVSYNC_MOTO_FULL_WALK=1 too.
"""
import copy
import os
import sys
import threading

import moto.server as server

_lock = threading.Lock()
_handle = server.DomainDispatcherApplication.__call__


# Bumped by every request that may change an item (see 4.); requests are handled one at a time (1.).
_generation = [0]
_READS = ("Query", "GetItem", "BatchGetItem", "Scan", "Describe", "List")


def _serialized(self, environ, start_response):
    with _lock:
        operation = environ.get("HTTP_X_AMZ_TARGET", "").rpartition(".")[2]
        if not operation.startswith(_READS):
            _generation[0] += 1
        return list(_handle(self, environ, start_response))


server.DomainDispatcherApplication.__call__ = _serialized


def _undo_by_item():
    import moto.dynamodb.models as models
    from moto.dynamodb.models.table import Table

    backend = models.DynamoDBBackend
    original = backend.transact_write_items
    if getattr(models, "copy", None) is not copy or not hasattr(backend, "get_keys_value"):
        raise RuntimeError("moto.dynamodb.models has changed")

    class TablesNotCopied:
        """moto.dynamodb.models' `copy`, except that a Table is not copied (its items are, in transact_write_items)."""

        def __getattr__(self, name):
            return getattr(copy, name)

        @staticmethod
        def deepcopy(value, memo=None):
            return value if isinstance(value, Table) else copy.deepcopy(value, memo)

    def transact_write_items(self, transact_items):
        saved = []  # (table, hash key, range key, the item before, or None)
        for entry in transact_items:
            for op_type, op in entry.items():
                table = self.tables.get(op.get("TableName")) if isinstance(op, dict) else None
                if table is None:
                    continue
                keys = op.get("Item") if op_type == "Put" else op.get("Key")
                try:
                    hash_key, range_key = self.get_keys_value(table, keys or {})
                except Exception:
                    continue  # moto's own validation answers this one
                saved.append((table, hash_key, range_key, copy.deepcopy(table.get_item(hash_key, range_key))))
        try:
            return original(self, transact_items)
        except Exception:
            for table, hash_key, range_key, before in reversed(saved):
                if not table.has_range_key:
                    if before is None:
                        table.items.pop(hash_key, None)
                    else:
                        table.items[hash_key] = before
                elif before is None:
                    table.items.get(hash_key, {}).pop(range_key, None)
                else:
                    table.items[hash_key][range_key] = before
            raise

    models.copy = TablesNotCopied()
    backend.transact_write_items = transact_write_items


def _query_by_partition():
    from moto.dynamodb.models.table import Table

    original = Table.query
    if not hasattr(Table, "all_items") or "index_name" not in original.__code__.co_varnames:
        raise RuntimeError("moto.dynamodb.models.table.Table has changed")

    def every_item(table):
        return [i for hash_set in table.items.values()
                for i in (hash_set.values() if table.range_key_attr else [hash_set])]

    groups = {}  # (table, index name) -> (generation, {hash key values: [items]})

    def index_group(table, index_name, conditions):
        index = {i.name: i for i in table.all_indexes()}.get(index_name)
        if index is None or not conditions:
            return None
        names = [k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"]
        wanted = dict(conditions)
        if sorted(names) != sorted(wanted):
            return None
        cached = groups.get((id(table), index_name))
        if cached is None or cached[0] != _generation[0]:
            grouped = {}
            for item in every_item(table):
                values = tuple(item.attrs.get(n) for n in names)
                if all(v is not None for v in values):
                    grouped.setdefault(values, []).append(item)
            cached = (_generation[0], grouped)
            groups[(id(table), index_name)] = cached
        return list(cached[1].get(tuple(wanted[n] for n in names), []))

    def query(self, hash_key, *args, **kwargs):
        index_name = args[6] if len(args) > 6 else kwargs.get("index_name")
        if index_name is None and self.range_key_attr:
            partition = self.items.get(hash_key, {})
            self.all_items = lambda: list(partition.values())  # shadows the method for this request only
        else:
            group = index_group(self, index_name, kwargs.get("hash_key_conditions")) if index_name else None
            self.all_items = (lambda: group) if group is not None else (lambda: every_item(self))
        try:
            return original(self, hash_key, *args, **kwargs)
        finally:
            del self.all_items

    Table.query = query


if os.environ.get("MVSYNC_MOTO_FULL_WALK") != "1":
    try:
        _query_by_partition()
    except Exception as e:  # an unknown moto version: correct, only slower
        print(f"moto_server.py: Query left as moto has it ({e})", flush=True)

try:
    _undo_by_item()
except Exception as e:  # an unknown moto version: correct, only slower
    print(f"moto_server.py: TransactWriteItems left as moto has it ({e})", flush=True)

server.main(sys.argv[1:])
