-- Reception may undo an admission it registered by mistake (decision 0049); the admitting
-- doctor hears of it in the inbox (names only, never the reason for admission).
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
    check (kind in ('BOOKED', 'REQUEST_AWAITING_CONFIRMATION', 'MOVED', 'CANCELLED', 'DECLINED', 'WAITING_LIST_OFFER',
                    'BREAK_THE_GLASS', 'REFERRAL', 'NEW_DOCUMENT', 'FOLLOW_UP', 'REFILL_REQUEST', 'REFILL_DECIDED',
                    'ADMISSION_UNDONE'));
