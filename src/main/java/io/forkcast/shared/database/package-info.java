/** How the application notices, reports and answers a database that cannot be reached. */
package io.forkcast.shared.database;
