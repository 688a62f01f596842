-- token-service's durable state. Secrets are stored sealed (AES-256-GCM, "<key id>:<base64>"), never in clear.

create table clients (
    id                  bigint generated always as identity primary key,
    google_client_id    varchar(255)  not null,
    client_secret       text          not null,
    redirect_uri        varchar(2048) not null,
    name                varchar(255),
    is_active           boolean       not null default true,
    created_at          timestamptz   not null default now(),
    updated_at          timestamptz   not null default now()
);

create table branches (
    id                  bigint generated always as identity primary key,
    branch_id           varchar(100)  not null unique,
    client_id           bigint        not null references clients (id),
    branch_name         varchar(255)  not null,
    account_id          varchar(100),
    location_id         varchar(100),
    email               varchar(320),
    description         varchar(1000),
    is_active           boolean       not null default true,
    created_at          timestamptz   not null default now(),
    updated_at          timestamptz   not null default now()
);
create index branches_client_id on branches (client_id);

-- One current grant per client; the row is also the lock that makes concurrent refreshes one refresh.
create table tokens (
    client_id           bigint        primary key references clients (id) on delete cascade,
    access_token        text          not null,
    refresh_token       text,
    expires_at          timestamptz   not null,
    scope               varchar(1000),
    is_valid            boolean       not null default true,
    invalid_reason      varchar(100),
    refresh_count       integer       not null default 0,
    created_at          timestamptz   not null default now(),
    updated_at          timestamptz   not null default now()
);

-- Authorization requests waiting for their callback; the state is stored only as its SHA-256.
create table oauth_states (
    state_hash          char(64)      primary key,
    client_id           bigint        not null references clients (id) on delete cascade,
    code_verifier       text          not null,
    expires_at          timestamptz   not null,
    used_at             timestamptz,
    created_at          timestamptz   not null default now()
);
create index oauth_states_expires_at on oauth_states (expires_at);
