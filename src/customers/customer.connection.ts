import { ConnectionType } from '../graphql/connection.type';
import { Customer } from './customer.entity';

export const CustomerConnection = ConnectionType(Customer, 'Customer');
