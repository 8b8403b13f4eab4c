from . import party_member_invite
