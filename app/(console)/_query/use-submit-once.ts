"use client";

import { useMutation, type UseMutationOptions } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import { ApiError } from "./api";
import { newIdempotencyKey } from "./idempotency";

type Options<TData, TVariables> = Omit<UseMutationOptions<TData, ApiError, TVariables>, "mutationFn"> & {
  /** Send `idempotencyKey` as apiFetch's `idempotencyKey`: the server then does one intent once. */
  mutationFn: (variables: TVariables, idempotencyKey: string) => Promise<TData>;
};

/**
 * A mutation for a form a person submits: `submit` does nothing while a submission is in flight (a double click
 * sends one request), and every request of one intent carries the same Idempotency-Key, so even a repeat that does
 * reach the server (a retried fetch, a second tab's replay) changes nothing twice. The key is renewed once the
 * server has answered; after a network failure it is kept, because the first attempt may have been done.
 */
export function useSubmitOnce<TData, TVariables>(options: Options<TData, TVariables>) {
  const key = useRef<string | null>(null);
  const inFlight = useRef(false);
  const { mutationFn, onSettled, ...rest } = options;
  const mutation = useMutation<TData, ApiError, TVariables>({
    ...rest,
    mutationFn: (variables) => {
      key.current ??= newIdempotencyKey();
      return mutationFn(variables, key.current);
    },
    onSettled: (data, error, variables, onMutateResult, context) => {
      inFlight.current = false;
      if (!error || error instanceof ApiError) key.current = null;
      return onSettled?.(data, error, variables, onMutateResult, context);
    },
  });
  const { mutate } = mutation;
  const submit = useCallback(
    (variables: TVariables) => {
      if (inFlight.current) return;
      inFlight.current = true;
      mutate(variables);
    },
    [mutate],
  );
  return { ...mutation, submit };
}
