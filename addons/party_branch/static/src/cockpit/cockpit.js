/** @odoo-module **/

import { Component, onMounted, onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

/**
 * The committee's cockpit (驾驶舱): the figures of an organisation and its subtree,
 * from one data call (party.cockpit.get_cockpit_data) that checks the caller. Every
 * figure opens the records behind it (a window action searched as the caller); an
 * organisation's name opens its own cockpit. The wall-screen mode (大屏) fills the
 * screen and reloads its figures on a timer.
 */
export class PartyCockpit extends Component {
    static template = "party_branch.Cockpit";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        const context = this.props.action?.context || {};
        this.periods = [
            ["month", _t("Month")],
            ["quarter", _t("Quarter")],
            ["year", _t("Year")],
        ];
        this.state = useState({
            data: null,
            organizationId: context.organization_id || false,
            period: context.period || "month",
            wall: Boolean(context.wall),
            refreshedAt: null,
        });
        this.timer = null;
        onWillStart(() => this.load());
        onMounted(() => this.state.wall && this.startTimer());
        onWillUnmount(() => this.stopTimer());
    }

    async load() {
        const data = await this.orm.call("party.cockpit", "get_cockpit_data", [
            this.state.organizationId,
            this.state.period,
        ]);
        this.state.data = data;
        this.state.organizationId = data.organization.id;
        // the user's time zone and language (the web client sets luxon's defaults)
        this.state.refreshedAt = luxon.DateTime.now().toLocaleString(luxon.DateTime.TIME_24_WITH_SECONDS);
    }

    startTimer() {
        this.stopTimer();
        const seconds = this.state.data?.refresh_seconds || 300;
        this.timer = setInterval(() => this.load(), seconds * 1000);
    }

    stopTimer() {
        if (this.timer) {
            clearInterval(this.timer);
            this.timer = null;
        }
    }

    toggleWall() {
        this.state.wall = !this.state.wall;
        if (this.state.wall) {
            this.startTimer();
            document.documentElement.requestFullscreen?.().catch(() => {});
        } else {
            this.stopTimer();
            if (document.fullscreenElement) {
                document.exitFullscreen?.().catch(() => {});
            }
        }
    }

    async openOrganization(orgId) {
        this.state.organizationId = orgId;
        await this.load();
    }

    async onOrganizationChange(ev) {
        await this.openOrganization(parseInt(ev.target.value));
    }

    async onPeriodChange(ev) {
        this.state.period = ev.target.value;
        await this.load();
    }

    /** The action of a figure or a cell: its own, or the section's drill for the
     * subtree of the cell's organisation. */
    actionOf(section, item) {
        if (item.action) {
            return item.action;
        }
        if (item.drill && section.drills?.[item.drill]) {
            const drill = section.drills[item.drill];
            return {
                ...drill,
                domain: [...drill.domain, ["organization_id", "child_of", item.org_id]],
            };
        }
        return null;
    }

    isClickable(section, item) {
        return Boolean(this.actionOf(section, item) || (item.org_id && !item.drill));
    }

    async open(section, item) {
        let action = this.actionOf(section, item);
        if (action) {
            const kanban = this.env.isSmall && action.views?.find((view) => view[1] === "kanban");
            if (kanban) {
                // on a phone, the records as cards rather than a wide list
                action = { ...action, views: [kanban, ...action.views.filter((v) => v !== kanban)] };
            }
            return this.actionService.doAction(action);
        }
        if (item.org_id) {
            return this.openOrganization(item.org_id);
        }
    }

    barWidth(item) {
        return `width: ${Math.max(0, Math.min(100, item.ratio || 0))}%`;
    }
}

registry.category("actions").add("party_branch.cockpit", PartyCockpit);
