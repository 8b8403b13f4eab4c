"""Party venues (阵地建设规范化): where members meet, study and serve the masses.

The registry answers the seed's questions: is every organisation served by a
venue it can use, is any venue built twice (a venue at the same address or
within the company's sharing distance of another, serving other organisations,
is a candidate for sharing, and a new one there needs a reason), is it
equipped, inspected, and used to the full (booked hours over opening hours).

"In use since" (``date_open``), from which a quarter without bookings is a
``venue_unused`` finding, is not in the future, and after creation only the
superior of the venue's organisation (or a Party administrator) changes it or
archives the venue.
"""

import math
import re
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.party_branch.tools.superior import not_superior

VENUE_TYPES = [
    ("activity_room", "Party Member Activity Room"),
    ("service_center", "Party–Masses Service Centre"),
    ("education_base", "Party Education Base"),
    ("exhibition_hall", "Party Building Exhibition Hall"),
    ("meeting_room", "Meeting Room"),
    ("outdoor", "Outdoor Venue"),
]
EARTH_RADIUS_M = 6371008.8  # mean Earth radius (IUGG), metres
# utilisation is measured over the last quarter (days before the day it is read)
UTILISATION_DAYS = 90


def distance_m(lat1, lon1, lat2, lon2):
    """Great-circle distance in metres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


class PartyVenue(models.Model):
    _name = "party.venue"
    _description = "Party Venue"
    _inherit = ["mail.thread", "mail.activity.mixin", "image.mixin", "party.access.mixin"]
    _order = "name, id"
    _check_company_auto = True

    # the organisation whose superior sets "in use since", and whose findings the venue
    # raises: set when the venue is registered (a venue handed over is registered anew)
    _party_fixed_fields = ("organization_id",)
    # read by the venue findings, changed after creation by the superior only
    _party_superior_fields = ("date_open", "active")
    _party_rpc_methods = {
        "action_view_bookings": "check_access('read'): returns a window action",
        "action_view_projects": "check_access('read'): returns a window action",
        "action_view_inspections": "check_access('read'): returns a window action",
        "action_view_maintenance": "check_access('read'): returns a window action",
    }

    name = fields.Char(required=True, tracking=True)
    venue_type = fields.Selection(VENUE_TYPES, string="Type", required=True, tracking=True)
    organization_id = fields.Many2one(
        "party.organization",
        string="Managed By",
        required=True,
        index=True,
        tracking=True,
        help="The organisation that runs the venue and answers for it.",
    )
    organization_ids = fields.Many2many(
        "party.organization",
        "party_venue_organization_rel",
        "venue_id",
        "organization_id",
        string="Organisations Served",
        help="The organisations that use the venue (and those below them).",
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    active = fields.Boolean(default=True)
    street = fields.Char(tracking=True)
    city = fields.Char(tracking=True)
    address_key = fields.Char(compute="_compute_address_key", store=True, index=True)
    latitude = fields.Float(digits=(10, 7))
    longitude = fields.Float(digits=(10, 7))
    area = fields.Float(string="Area (m²)", tracking=True)
    capacity = fields.Integer(tracking=True, help="How many people the venue seats.")
    function_ids = fields.Many2many("party.venue.function", string="Functions")
    photo_ids = fields.Many2many("ir.attachment", string="Photos")
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Opening Hours",
        required=True,
        check_company=True,
        default=lambda self: self.env.company.resource_calendar_id,
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible Officer", tracking=True, default=lambda self: self.env.user
    )
    date_open = fields.Date(
        string="In Use Since",
        default=fields.Date.context_today,
        help="From this day on, a quarter without bookings marks the venue unused.",
    )
    sharing_reason = fields.Text(
        help="Why this venue is needed although another one serving other organisations is "
        "at the same address or close by."
    )
    sharing_candidate_ids = fields.Many2many(
        "party.venue", compute="_compute_sharing", string="Sharing Candidates"
    )
    is_sharing_candidate = fields.Boolean(
        compute="_compute_sharing", search="_search_is_sharing_candidate", string="Could Share"
    )
    note = fields.Html()
    booking_ids = fields.One2many("party.venue.booking", "venue_id")
    equipment_ids = fields.One2many("maintenance.equipment", "party_venue_id")
    asset_ids = fields.One2many("account.asset", "party_venue_id", string="Fixed Assets")
    inspection_ids = fields.One2many("party.venue.inspection", "venue_id")
    project_ids = fields.One2many("party.venue.project", "venue_id")
    booking_count = fields.Integer(compute="_compute_counts")
    equipment_count = fields.Integer(compute="_compute_counts")
    maintenance_open_count = fields.Integer(
        compute="_compute_counts", string="Open Maintenance Requests"
    )
    asset_value = fields.Monetary(compute="_compute_counts", string="Asset Book Value")
    project_count = fields.Integer(compute="_compute_counts")
    inspection_score = fields.Float(
        compute="_compute_inspection", string="Last Inspection Score", digits=(5, 1)
    )
    inspection_date = fields.Date(compute="_compute_inspection", string="Last Inspection")
    inspection_due = fields.Boolean(
        compute="_compute_inspection",
        search="_search_inspection_due",
        help="Never inspected, or the company's inspection interval has passed since the "
        "last completed inspection.",
    )
    utilisation = fields.Float(
        compute="_compute_utilisation",
        string="Utilisation (%)",
        digits=(5, 1),
        help="Booked hours over opening hours in the last 90 days.",
    )
    is_underused = fields.Boolean(
        compute="_compute_utilisation", search="_search_is_underused", string="Under-Used"
    )

    _sql_constraints = [
        ("area_positive", "CHECK (area >= 0)", "A venue's area cannot be negative."),
        ("capacity_positive", "CHECK (capacity >= 0)", "A venue's capacity cannot be negative."),
    ]

    # ------------------------------------------------------------ computes

    @api.depends("street", "city")
    def _compute_address_key(self):
        for venue in self:
            street = re.sub(r"[\s,.，。]+", "", (venue.street or "").lower())
            city = re.sub(r"[\s,.，。]+", "", (venue.city or "").lower())
            venue.address_key = f"{city}|{street}" if street else False

    def _compute_sharing(self):
        candidates = self._sharing_candidates()
        for venue in self:
            others = candidates.get(venue._origin.id or venue.id, set())
            venue.sharing_candidate_ids = [fields.Command.set(sorted(others))]
            venue.is_sharing_candidate = bool(others)

    def _search_is_sharing_candidate(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Search Could Share with = or != and a boolean."))
        venues = self.search([("company_id", "in", self.env.companies.ids)])
        ids = list(venues._sharing_candidates())
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    @api.depends("booking_ids", "equipment_ids", "asset_ids", "project_ids")
    def _compute_counts(self):
        ids = [vid for vid in self.ids if isinstance(vid, int)]
        bookings = dict(
            self.env["party.venue.booking"]
            .sudo()
            ._read_group(
                [("venue_id", "in", ids), ("state", "=", "confirmed")], ["venue_id"], ["__count"]
            )
        )
        projects = dict(
            self.env["party.venue.project"]
            .sudo()
            ._read_group([("venue_id", "in", ids)], ["venue_id"], ["__count"])
        )
        # equipment, requests and assets are counted as superuser: the venue's own
        # figures, shown to whoever reads the venue (officers have no accounting rights)
        equipment = dict(
            self.env["maintenance.equipment"]
            .sudo()
            ._read_group([("party_venue_id", "in", ids)], ["party_venue_id"], ["__count"])
        )
        open_requests = defaultdict(int)
        for equipment_rec, count in (
            self.env["maintenance.request"]
            .sudo()
            ._read_group(
                [
                    ("equipment_id.party_venue_id", "in", ids),
                    ("stage_id.done", "=", False),
                    ("archive", "=", False),
                ],
                ["equipment_id"],
                ["__count"],
            )
        ):
            open_requests[equipment_rec.party_venue_id] += count
        assets = dict(
            self.env["account.asset"]
            .sudo()
            ._read_group(
                [("party_venue_id", "in", ids), ("state", "!=", "removed")],
                ["party_venue_id"],
                ["value_residual:sum"],
            )
        )
        for venue in self:
            key = venue.browse(venue._origin.id or venue.id)
            venue.booking_count = bookings.get(key, 0)
            venue.project_count = projects.get(key, 0)
            venue.equipment_count = equipment.get(key, 0)
            venue.maintenance_open_count = open_requests.get(key, 0)
            venue.asset_value = assets.get(key, 0.0)

    @api.depends("company_id.party_venue_inspection_months")
    def _compute_inspection(self):
        latest = self._latest_inspections()
        today = fields.Date.context_today(self)
        for venue in self:
            # due when the last inspection is on or before the same day `months` ago
            inspection = latest.get(venue._origin.id or venue.id)
            venue.inspection_score = inspection.score if inspection else 0.0
            venue.inspection_date = inspection.date if inspection else False
            months = venue.company_id.party_venue_inspection_months or 1
            venue.inspection_due = not inspection or (
                inspection.date <= today - relativedelta(months=months)
            )

    def _search_inspection_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Search Inspection Due with = or != and a boolean."))
        venues = self.search([("company_id", "in", self.env.companies.ids)])
        ids = venues.filtered("inspection_due").ids
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    def _latest_inspections(self):
        """{venue_id: its latest completed inspection (by date)}, one query."""
        ids = [vid for vid in self.ids if isinstance(vid, int)]
        if not ids:
            return {}
        latest = {}
        for inspection in (
            self.env["party.venue.inspection"]
            .sudo()
            .search_fetch(
                [("venue_id", "in", ids), ("state", "=", "done")],
                ["venue_id", "date", "score"],
                order="venue_id, date desc, id desc",
            )
        ):
            latest.setdefault(inspection.venue_id.id, inspection)
        return latest

    @api.depends("company_id.party_venue_min_utilisation")
    def _compute_utilisation(self):
        today = fields.Date.context_today(self)
        date_to = today + timedelta(days=1)
        figures = self._utilisation(date_to - timedelta(days=UTILISATION_DAYS), date_to)
        for venue in self:
            booked, opening, rate = figures.get(venue._origin.id or venue.id, (0.0, 0.0, 0.0))
            venue.utilisation = rate
            minimum = venue.company_id.party_venue_min_utilisation
            venue.is_underused = bool(venue._origin.id or venue.id) and rate < minimum

    def _search_is_underused(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Search Under-Used with = or != and a boolean."))
        venues = self.search([("company_id", "in", self.env.companies.ids)])
        ids = venues.filtered("is_underused").ids
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    # ------------------------------------------------------------ utilisation

    def _utilisation(self, date_from, date_to):
        """{venue_id: (booked hours, opening hours, rate %)} over [date_from, date_to).

        Set-based: one grouped query for the booked hours of every venue (bookings cut
        at the period's bounds), and the opening hours once per opening-hours calendar
        (venues share calendars), public holidays of the calendar excluded. Dates are
        read in each calendar's time zone.
        """
        venues = self.sudo().filtered("id")
        if not venues:
            return {}
        booked = defaultdict(float)
        by_calendar = defaultdict(list)
        for venue in venues:
            by_calendar[venue.resource_calendar_id].append(venue.id)
        opening = {}
        for calendar, venue_ids in by_calendar.items():
            tz = pytz.timezone(calendar.tz or "UTC")
            start = tz.localize(datetime.combine(date_from, time.min))
            stop = tz.localize(datetime.combine(date_to, time.min))
            intervals = calendar._work_intervals_batch(start, stop)[False]
            hours = sum((b - a).total_seconds() for a, b, __ in intervals) / 3600.0
            for venue_id in venue_ids:
                opening[venue_id] = hours
            # bookings are stored in UTC: the period's bounds in UTC for this calendar
            utc_from = start.astimezone(pytz.utc).replace(tzinfo=None)
            utc_to = stop.astimezone(pytz.utc).replace(tzinfo=None)
            self.env["party.venue.booking"].flush_model(["venue_id", "start", "stop", "state"])
            self.env.cr.execute(
                SQL(
                    """
                SELECT venue_id,
                       SUM(EXTRACT(EPOCH FROM LEAST(stop, %(to)s) - GREATEST(start, %(from)s)))
                  FROM party_venue_booking
                 WHERE venue_id = ANY(%(ids)s) AND state = 'confirmed'
                   AND start < %(to)s AND stop > %(from)s
              GROUP BY venue_id
                    """,
                    ids=venue_ids,
                    to=utc_to,
                    **{"from": utc_from},
                )
            )
            for venue_id, seconds in self.env.cr.fetchall():
                booked[venue_id] = float(seconds) / 3600.0
        return {
            vid: (
                booked[vid],
                opening[vid],
                round(100.0 * booked[vid] / opening[vid], 1) if opening[vid] else 0.0,
            )
            for vid in venues.ids
        }

    # ------------------------------------------------------------ sharing

    def _sharing_candidates(self):
        """{venue_id: {ids of the venues it could share with}}.

        Two active venues of one company are candidates when they are at the same
        address, or within the company's sharing distance of each other (the distance
        itself included, to the millimetre), and do not serve the same organisations.
        One query finds the pairs inside a bounding box; the exact distance is then
        computed here.
        """
        ids = [vid for vid in self.ids if isinstance(vid, int)]
        if not ids:
            return {}
        self.flush_model(["address_key", "latitude", "longitude", "company_id", "active"])
        self.env["res.company"].flush_model(["party_venue_share_distance"])
        self.env.cr.execute(
            SQL(
                """
            SELECT a.id, b.id, a.address_key = b.address_key,
                   a.latitude, a.longitude, b.latitude, b.longitude,
                   COALESCE(c.party_venue_share_distance, 0)
              FROM party_venue a
              JOIN res_company c ON c.id = a.company_id
              JOIN party_venue b ON b.company_id = a.company_id AND b.id != a.id AND b.active
             WHERE a.id = ANY(%(ids)s)
               AND (a.address_key = b.address_key
                    OR ((a.latitude != 0 OR a.longitude != 0)
                        AND (b.latitude != 0 OR b.longitude != 0)
                        AND b.latitude BETWEEN a.latitude - c.party_venue_share_distance / 111000.0
                                           AND a.latitude + c.party_venue_share_distance / 111000.0
                        AND b.longitude BETWEEN
                            a.longitude - c.party_venue_share_distance
                                / (111000.0 * GREATEST(COS(RADIANS(a.latitude)), 0.01))
                            AND a.longitude + c.party_venue_share_distance
                                / (111000.0 * GREATEST(COS(RADIANS(a.latitude)), 0.01))))
                """,
                ids=ids,
            )
        )
        pairs = []
        for a_id, b_id, same_address, lat1, lon1, lat2, lon2, limit in self.env.cr.fetchall():
            if same_address or round(distance_m(lat1, lon1, lat2, lon2), 3) <= limit:
                pairs.append((a_id, b_id))
        if not pairs:
            return {}
        involved = self.browse({vid for pair in pairs for vid in pair}).sudo()
        served = {v.id: set(v.organization_ids.ids) | {v.organization_id.id} for v in involved}
        result = defaultdict(set)
        for a_id, b_id in pairs:
            if served[a_id] != served[b_id]:
                result[a_id].add(b_id)
        return dict(result)

    # ------------------------------------------------------------ constraints

    def _party_validate_create(self, vals_list):
        # the database refuses a negative area or capacity at the insert, which runs
        # before the constraints: the clear message first
        for vals in vals_list:
            if (vals.get("area") or 0) < 0 or (vals.get("capacity") or 0) < 0:
                raise ValidationError(
                    self.env._(
                        "%(venue)s: area and capacity cannot be negative.",
                        venue=vals.get("name") or "",
                    )
                )
        return super()._party_validate_create(vals_list)

    def _party_after_create(self, vals_list):
        if not self._party_trusted():
            self._party_check_organizations(self.sudo().organization_ids)
        # another venue's candidates may change with this one
        self.invalidate_model(["sharing_candidate_ids", "is_sharing_candidate"])
        return super()._party_after_create(vals_list)

    def _check_superior_fields(self, vals):
        """After creation, "in use since" and archiving are the superior's: the venue's
        own officers moving the date to today, or archiving the venue, would clear its
        venue_unused finding."""
        given = [name for name in self._party_superior_fields if name in vals]
        new = {
            name: self._fields[name].convert_to_cache(vals[name], self) or False for name in given
        }
        changed = self.sudo().filtered(lambda v: any(v[name] != new[name] for name in given))
        refused = not_superior(self.env, changed.organization_id)
        if refused:
            raise UserError(
                self.env._(
                    "%(fields)s of %(venue)s are changed by the superior organisation of "
                    "%(org)s (or a Party administrator), not by the organisation itself: the "
                    "venue findings read them.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env) for name in given
                    ),
                    venue=changed.filtered(lambda v: v.organization_id in refused)[0].name,
                    org=refused[0].name,
                )
            )

    def _party_validate_write(self, vals):
        if set(self._party_superior_fields) & set(vals) and not self._party_trusted():
            self.check_access("write")
            self._check_superior_fields(vals)
        return super()._party_validate_write(vals)

    def _party_before_write(self, vals):
        before = super()._party_before_write(vals)
        # who says a venue serves an organisation manages it: an officer of one branch
        # cannot list the committee or another branch, which would hide their
        # venue_missing finding (the venue's officers may stop serving anyone)
        if "organization_ids" in vals and not self._party_trusted():
            before["served"] = {venue.id: venue.organization_ids for venue in self.sudo()}
        return before

    def _party_after_write(self, vals, before):
        if (served := before.get("served")) is not None:
            self._party_check_organizations(
                self.env["party.organization"].union(
                    *(venue.organization_ids - served[venue.id] for venue in self.sudo())
                )
            )
        self.invalidate_model(["sharing_candidate_ids", "is_sharing_candidate"])
        return super()._party_after_write(vals, before)

    @api.constrains("area", "capacity")
    def _check_area_capacity(self):
        for venue in self:
            if venue.area < 0 or venue.capacity < 0:
                raise ValidationError(
                    self.env._("%(venue)s: area and capacity cannot be negative.", venue=venue.name)
                )

    @api.constrains("date_open")
    def _check_date_open(self):
        # the caller's own day, in the time zone of their user (not of the client's context)
        today = fields.Date.context_today(self.with_context(tz=self.env.user.tz or "UTC"))
        for venue in self:
            if venue.date_open and venue.date_open > today:
                raise ValidationError(
                    self.env._(
                        "%(venue)s: the day a venue is in use since is not in the future "
                        "(%(date)s); a quarter without bookings from that day is a finding.",
                        venue=venue.name,
                        date=venue.date_open.isoformat(),
                    )
                )

    @api.constrains("latitude", "longitude")
    def _check_position(self):
        for venue in self:
            if not (-90 <= venue.latitude <= 90 and -180 <= venue.longitude <= 180):
                raise ValidationError(
                    self.env._(
                        "%(venue)s: latitude lies between -90 and 90, longitude between -180 "
                        "and 180.",
                        venue=venue.name,
                    )
                )

    @api.constrains(
        "street", "city", "latitude", "longitude", "organization_id", "organization_ids",
        "sharing_reason", "active",
    )  # fmt: skip
    def _check_sharing_reason(self):
        """统筹共建共享: a venue next to another that serves other organisations is built
        only for a stated reason."""
        candidates = self.filtered(lambda v: v.active and not (v.sharing_reason or "").strip())
        if not candidates:
            return
        near = candidates._sharing_candidates()
        for venue in candidates:
            if near.get(venue.id):
                raise ValidationError(
                    self.env._(
                        "%(venue)s is at the same address as, or within %(distance)s m of, "
                        "%(count)s venue(s) serving other organisations (统筹共建共享: no "
                        "building twice). Share one of them, or give the reason this venue is "
                        "needed.",
                        venue=venue.name,
                        distance=format(venue.company_id.party_venue_share_distance, "g"),
                        count=len(near[venue.id]),
                    )
                )

    @api.constrains("organization_id", "organization_ids")
    def _check_organizations_company(self):
        for venue in self:
            if venue.organization_ids.company_id - venue.company_id:
                raise ValidationError(
                    self.env._(
                        "%(venue)s serves the organisations of its own company only.",
                        venue=venue.name,
                    )
                )

    # ------------------------------------------------------------ actions

    def _action_list(self, xmlid, field):
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [(field, "in", self.ids)]
        action["context"] = {f"default_{field}": self[:1].id}
        return action

    def action_view_bookings(self):
        self.check_access("read")
        return self._action_list("party_venue.party_venue_booking_action", "venue_id")

    def action_view_projects(self):
        self.check_access("read")
        return self._action_list("party_venue.party_venue_project_action", "venue_id")

    def action_view_inspections(self):
        self.check_access("read")
        return self._action_list("party_venue.party_venue_inspection_action", "venue_id")

    def action_view_maintenance(self):
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "maintenance.hr_equipment_request_action"
        )
        action["domain"] = [("equipment_id.party_venue_id", "in", self.ids)]
        action["context"] = {}
        return action
