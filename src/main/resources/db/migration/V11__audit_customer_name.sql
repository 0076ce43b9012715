-- The audit log reads as sentences with names. Sessions and customers are named from their rows when the log is
-- read (so an erased customer shows as "Erased customer" in earlier entries); only an erasure keeps the name the
-- customer had, as the record of whose data was erased.
alter table audit_event add column customer_name varchar(200);
