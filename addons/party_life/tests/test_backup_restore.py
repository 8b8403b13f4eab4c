"""A backup restores: the database manager's dump (database and filestore, the format
of ``odoo.service.db.dump_db``, which README's operations section documents) restored
into a new database holds the same members, dues, receipts, posted entries and files."""

import hashlib
import os
import tempfile
import uuid
from unittest.mock import patch

import odoo
from odoo.service import db as db_service
from odoo.tests import TransactionCase, tagged

# what must survive a restore, read by SQL from the committed state of each database
FACTS = {
    "members": "SELECT count(*), coalesce(sum(id), 0) FROM party_member",
    "members by status": "SELECT status, count(*) FROM party_member GROUP BY 1 ORDER BY 1",
    "dues": "SELECT count(*), coalesce(sum(amount), 0), coalesce(sum(paid_amount), 0), string_agg(state, ',' ORDER BY id) "
    "FROM party_dues",
    "receipts": "SELECT string_agg(name, ',' ORDER BY id) FROM party_dues_payment",
    "posted entries": "SELECT count(*), coalesce(sum(amount_total_signed), 0) "
    "FROM account_move WHERE state = 'posted'",
    "posted lines": "SELECT count(*), coalesce(sum(debit), 0), coalesce(sum(credit), 0) "
    "FROM account_move_line WHERE parent_state = 'posted'",
    # attachments in the database (a template made by click-odoo-initdb keeps them there)
    # and in the filestore, by their checksums
    "attachments": "SELECT count(*), string_agg(checksum, ',' ORDER BY id) FROM ir_attachment "
    "WHERE checksum IS NOT NULL",
}


def _facts(dbname):
    with odoo.sql_db.db_connect(dbname).cursor() as cr:
        facts = {}
        for name, query in FACTS.items():
            cr.execute(query)
            facts[name] = cr.fetchall()
        cr.execute(
            "SELECT store_fname, checksum FROM ir_attachment "
            "WHERE store_fname IS NOT NULL ORDER BY id DESC LIMIT 20"
        )
        return facts, cr.fetchall()


@tagged("post_install", "-at_install")
class TestBackupRestore(TransactionCase):
    def _committed_file(self):
        """A receipt-like file in the filestore, committed (the dump reads what is
        committed; the test's own transaction is not): removed after the test."""
        with self.registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            attachment = env["ir.attachment"].create(
                {"name": "backup-check.txt", "raw": uuid.uuid4().hex.encode()}
            )
            self.assertTrue(attachment.store_fname, "stored in the filestore")
            attachment_id = attachment.id

        def remove():
            with self.registry.cursor() as cr:
                odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})["ir.attachment"].browse(
                    attachment_id
                ).unlink()

        self.addCleanup(remove)

    def test_dump_restores_into_a_new_database_with_the_same_records(self):
        source = self.env.cr.dbname
        self._committed_file()
        before, files = _facts(source)
        self.assertGreater(before["members"][0][0], 0, "the demo's members")
        self.assertGreater(before["posted entries"][0][0], 0, "the demo's posted dues entries")
        self.assertTrue(files, "files in the filestore")
        target = f"{source[:40]}_restore_{uuid.uuid4().hex[:8]}"
        with tempfile.TemporaryDirectory() as tmp:
            dump = os.path.join(tmp, "backup.zip")
            with open(dump, "wb") as stream:
                db_service.dump_db(source, stream, "zip")
            # the restored database's registry loads as a server's would, not as this
            # test process's (which runs with the tests enabled)
            server = patch.dict(odoo.tools.config.options, {"test_enable": False})
            try:
                with server:
                    db_service.restore_db(target, dump)
                after, __ = _facts(target)
                self.assertEqual(after, before)
                filestore = odoo.tools.config.filestore(target)
                for store_fname, checksum in files:
                    with open(os.path.join(filestore, store_fname), "rb") as restored:
                        self.assertEqual(hashlib.sha1(restored.read()).hexdigest(), checksum)
                with server:
                    registry = odoo.modules.registry.Registry(target)
                with registry.cursor() as cr:
                    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                    self.assertEqual(env["party.member"].search_count([]), before["members"][0][0])
            finally:
                odoo.modules.registry.Registry.delete(target)
                if target in db_service.list_dbs(True):
                    db_service.exp_drop(target)
