/**
 * The outcomes any feature can end with, in the service's own terms and without HTTP: something named does
 * not exist, conflicts with what is stored, an input is unusable, or a dependency does not answer. Only the
 * edge ({@code web.DomainExceptionMappers}) turns them into problem+json answers.
 */
package io.reviewfetcher.tokens.errors;
