-- Every write to a token row raises its version. A refresh calls Google outside any transaction and then
-- stores what it got only if the row still has the version it refreshed from (an optimistic check), so it
-- never overwrites a newer refresh of another pod or a new consent.
alter table tokens add column version bigint not null default 0;
