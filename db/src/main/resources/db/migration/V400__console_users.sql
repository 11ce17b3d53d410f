-- operator-console: users and roles (passwords as bcrypt hashes; no default passwords outside the demo profile)
CREATE TABLE console_users (
    username      text PRIMARY KEY CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
    display_name  text        NOT NULL,
    password_hash text        NOT NULL CHECK (password_hash LIKE '{bcrypt}%'),
    enabled       boolean     NOT NULL DEFAULT true,
    demo          boolean     NOT NULL DEFAULT false,   -- demo users are labelled as such in the UI
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text        NOT NULL
);

CREATE TABLE console_user_roles (
    username text NOT NULL REFERENCES console_users (username) ON DELETE CASCADE,
    role     text NOT NULL CHECK (role IN ('OPERATOR', 'ENFORCEMENT_OFFICER', 'SUPERVISOR', 'AUDITOR', 'ADMIN')),
    PRIMARY KEY (username, role)
);
