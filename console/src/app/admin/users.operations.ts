import { gql } from 'apollo-angular';
import type { Role } from '../core/session.store';

export interface StaffUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
}

const USER_FIELDS = 'id name email role active';

export const USERS = gql`query AdminUsers { users { ${USER_FIELDS} } }`;
export const CREATE_USER = gql`mutation CreateUser($input: UserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`;
export const UPDATE_USER = gql`mutation UpdateUser($id: ID!, $input: UserUpdateInput!) { updateUser(id: $id, input: $input) { ${USER_FIELDS} } }`;
export const RESET_PASSWORD = gql`mutation ResetPassword($id: ID!, $password: String!) { resetPassword(id: $id, password: $password) { ${USER_FIELDS} } }`;
export const DEACTIVATE_USER = gql`mutation DeactivateUser($id: ID!) { deactivateUser(id: $id) { ${USER_FIELDS} } }`;
export const REACTIVATE_USER = gql`mutation ReactivateUser($id: ID!) { reactivateUser(id: $id) { ${USER_FIELDS} } }`;
