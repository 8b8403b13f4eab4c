"""Odoo's server for ``bin/party load``: ``python3 tests/load/odoo_server.py ODOO_ARGS``.

What the ``odoo`` console script does, with one difference: in multi-process mode
the prefork server does not start its gevent process (the websocket of the web
client's bus, ``gevent_port``).  The load test's users open no websocket, and that
process is started as ``sys.executable sys.argv[0] gevent ...``, which ``python -m
odoo`` cannot do (``odoo/__main__.py`` is not runnable as a file) and which fails
where gevent's plugins lack their metadata: it would be respawned every second,
eating the CPU the measurement is about.
"""

import odoo.cli
import odoo.service.server

if __name__ == "__main__":
    odoo.service.server.PreforkServer.long_polling_spawn = lambda self: None
    odoo.cli.main()
