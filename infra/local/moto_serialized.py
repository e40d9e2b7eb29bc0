"""moto_server with its request handling behind one lock.

moto's DynamoDB is not safe for concurrent requests: TransactWriteItems deep-copies the table while other request
threads change it ("dictionary changed size during iteration", HTTP 500), which real DynamoDB never does. The local
run serves several requests at once (and the drain runs beside them), so it runs moto like the tests do
(src/test/java/com/mvsync/testing/moto/MotoServer.java): connections are accepted concurrently, requests handled one
at a time.

Usage: python3 infra/local/moto_serialized.py -H 127.0.0.1 -p 5000
"""
import sys
import threading

import moto.server as server

_lock = threading.Lock()
_handle = server.DomainDispatcherApplication.__call__


def _serialized(self, environ, start_response):
    with _lock:
        return list(_handle(self, environ, start_response))


server.DomainDispatcherApplication.__call__ = _serialized
server.main(sys.argv[1:])
